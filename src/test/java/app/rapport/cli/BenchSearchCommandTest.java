package app.rapport.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import app.rapport.support.LoopTest;

import static org.assertj.core.api.Assertions.assertThat;

class BenchSearchCommandTest extends LoopTest {

    @Autowired
    BenchCommand bench;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return bench.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void measuresTheRoundsAskedForAfterTheWarmUpAndPrintsTheLatencies() {
        assertThat(run("search", "--rounds", "3", "--warm-up", "2")).isZero();

        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(printed).containsPattern("bench search: \\d+ queries \\(3 rounds of (\\d+), after 2 rounds of warm-up\\)");
        assertThat(printed).containsPattern("p50 [\\d.]+ ms {3}p99 [\\d.]+ ms {3}max [\\d.]+ ms");
    }

    @Test
    void anUnknownOptionOrAValueThatIsNoNumberIsRefusedWithTheUsage() {
        assertThat(run("search", "--rounds", "many")).isEqualTo(2);
        assertThat(run("search", "--fast", "3")).isEqualTo(2);

        assertThat(err.toString(StandardCharsets.UTF_8)).contains("bench search takes --rounds N and --warm-up N")
                .contains("Usage: bench ingest");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }
}
