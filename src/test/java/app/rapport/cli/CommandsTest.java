package app.rapport.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class CommandsTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(Command command, String... args) throws Exception {
        return command.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private static String mail(String id, String refs, String subject, String body) {
        return "From: Anna <anna@posteo.example>\r\nTo: clara@lindgren-shoes.example\r\nSubject: " + subject
                + "\r\nDate: Mon, 2 Nov 2026 10:00:00 +0000\r\nMessage-ID: <" + id + ">\r\n"
                + (refs == null ? "" : "In-Reply-To: <" + refs + ">\r\n") + "\r\n" + body + "\r\n";
    }

    @Test
    void stripPrintsTheNewTextOfAMessageAndWritesOneFilePerInputWithOut() throws Exception {
        Path reply = Files.writeString(dir.resolve("reply.eml"),
                mail("r@x", "q@x", "Re: Boots", "Size 38, please.\r\n\r\nOn Mon, Clara <c@x> wrote:\r\n> Which size?"));
        Path body = Files.writeString(dir.resolve("body.txt"), "Thanks!\n\nSent from my iPhone\n");

        assertThat(run(new StripCommand(), reply.toString())).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8).strip()).isEqualTo("Size 38, please.");

        Path outDir = dir.resolve("out");
        assertThat(run(new StripCommand(), "--text", "--out", outDir.toString(), body.toString())).isZero();
        assertThat(Files.readString(outDir.resolve("body.txt")).strip()).isEqualTo("Thanks!");
    }

    @Test
    void stripReadsEveryFileOfADirectoryAndSaysWhichAreNotMail() throws Exception {
        Path in = Files.createDirectories(dir.resolve("in"));
        Files.writeString(in.resolve("a.eml"), mail("a@x", null, "A", "First."));
        Files.write(in.resolve("b.bin"), new byte[] {0x7f, 'E', 'L', 'F'});

        assertThat(run(new StripCommand(), in.toString())).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("==> " + in.resolve("a.eml") + " <==", "First.");
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("b.bin", "--text");
    }

    @Test
    void threadPrintsFileMessageIdAndConversationForEveryMessage() throws Exception {
        Path cur = Files.createDirectories(dir.resolve("maildir/cur"));
        Files.writeString(cur.resolve("1"), mail("q@x", null, "Boots", "Which size?"));
        Files.writeString(cur.resolve("2"), mail("r@x", "q@x", "Re: Boots", "38."));
        Files.writeString(cur.resolve("3"), mail("s@x", null, "Laces", "Red ones?"));

        assertThat(run(new ThreadCommand(List.of()), "--maildir", dir.resolve("maildir").toString())).isZero();

        assertThat(out.toString(StandardCharsets.UTF_8).lines().toList()).containsExactlyInAnyOrder(
                cur.resolve("1") + "\tq@x\tq@x", cur.resolve("2") + "\tr@x\tq@x", cur.resolve("3") + "\ts@x\ts@x");
    }

    @Test
    void threadReadsAnMboxFileAndNamesEachMessageByItsPlaceInTheFile() throws Exception {
        Path mbox = dir.resolve("shop.mbox");
        Files.writeString(mbox, "From q@x Mon Jan  1 00:00:00 2024\n" + mail("q@x", null, "Soles", "Resoling?")
                + "\nFrom r@x Mon Jan  1 00:00:00 2024\n" + mail("r@x", "q@x", "Re: Soles", "Yes.")
                + "\nFrom s@x Mon Jan  1 00:00:00 2024\n" + mail("s@x", null, "Heels", "Higher?"));

        assertThat(run(new ThreadCommand(List.of()), "--mbox", mbox.toString())).isZero();

        assertThat(out.toString(StandardCharsets.UTF_8).lines().toList()).containsExactlyInAnyOrder(
                mbox + "#1\tq@x\tq@x", mbox + "#2\tr@x\tq@x", mbox + "#3\ts@x\ts@x");
    }

    @Test
    void commandsRefuseMissingArgumentsWithTheirUsage() throws Exception {
        assertThat(run(new ThreadCommand(List.of()))).isEqualTo(2);
        assertThat(run(new StripCommand())).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Usage: thread --maildir DIR", "Usage: strip");
    }

}
