package app.rapport.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ProgressBarTest {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    private final AtomicLong nanos = new AtomicLong();

    @Test
    void showsTheShareDoneAndTheTimeLeft() {
        ProgressBar bar = new ProgressBar(out, "messages", true, nanos::get);
        nanos.set(10_000_000_000L);

        assertThat(bar.line(2500, 10000, nanos.get()))
                .isEqualTo("[########----------------------]  25%  2,500 of 10,000 messages  30 s left");
        assertThat(bar.line(10000, 10000, nanos.get())).startsWith("[" + "#".repeat(30) + "] 100%");
    }

    @Test
    void onATerminalRedrawsOneLineInPlace() {
        ProgressBar bar = new ProgressBar(out, "messages", true, nanos::get);
        for (int i = 1; i <= 1000; i++) {
            nanos.addAndGet(1_000_000L);
            bar.update(i, 1000);
        }
        bar.finish("indexed 1000 messages");

        String text = bytes.toString(StandardCharsets.UTF_8);
        assertThat(text.chars().filter(c -> c == '\n').count()).as("one line, ended once").isEqualTo(1);
        assertThat(text.split("\r").length).as("redrawn, not once per message").isBetween(5, 20);
        assertThat(text).contains("] 100%  1,000 of 1,000 messages").endsWith("indexed 1000 messages in 1.0 s\n");
    }

    @Test
    void inALogPrintsALineAtEachTenth() {
        ProgressBar bar = new ProgressBar(out, "messages", false, nanos::get);
        for (int i = 0; i <= 500; i++) {
            bar.update(i, 500);
        }

        assertThat(bytes.toString(StandardCharsets.UTF_8).lines()).hasSize(11)
                .first().asString().startsWith("[------------------------------]   0%");
    }

    @Test
    void anEmptyJobIsDoneAtOnce() {
        ProgressBar bar = new ProgressBar(out, "messages", false, nanos::get);

        bar.update(0, 0);

        assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("100%  0 of 0 messages");
    }
}
