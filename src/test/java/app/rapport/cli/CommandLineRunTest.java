package app.rapport.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import app.rapport.RapportApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The commands as the jar runs them: {@link CommandLine#run} starts its own application (lazily created beans, the
 * chosen command looked up by name) on one data directory, one command after the other.
 */
class CommandLineRunTest {

    @TempDir
    Path dir;

    private record Run(int exit, String out, String err) {
    }

    @AfterEach
    void forgetDataDirectory() {
        System.clearProperty("rapport.data-dir");
    }

    private Run run(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
        try {
            int exit = CommandLine.run(RapportApplication.class, args);
            return new Run(exit, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    @Test
    void importSearchReindexRelearnAndBackupRunOneAfterTheOtherOnTheSameData() throws IOException {
        Path cur = Files.createDirectories(dir.resolve("maildir/cur"));
        try (Stream<Path> mail = Files.list(Path.of("src/test/resources/mail"))) {
            for (Path eml : mail.filter(p -> p.toString().endsWith(".eml")).toList()) {
                Files.copy(eml, cur.resolve(eml.getFileName()));
            }
        }
        // A system property, as the command line's own benchmarks use: it wins over application.properties.
        System.setProperty("rapport.data-dir", dir.resolve("data").toString());

        Run imported = run("import", "--maildir", dir.resolve("maildir").toString());
        assertThat(imported.exit()).as(imported.err()).isZero();
        assertThat(imported.out()).containsPattern("messages +\\d+ read, \\d+ stored");

        Run search = run("search", "Alder derby");
        assertThat(search.exit()).as(search.err()).isZero();
        assertThat(search.out()).contains("Which size for the Alder derby?");

        Run reindex = run("reindex");
        assertThat(reindex.exit()).as(reindex.err()).isZero();
        assertThat(run("search", "Stiefel").out()).contains("Stiefel");

        Run relearn = run("relearn");
        assertThat(relearn.exit()).as(relearn.err()).isZero();
        assertThat(relearn.out()).contains("Done:");

        Run backup = run("backup", dir.resolve("backups").toString());
        assertThat(backup.exit()).as(backup.err()).isZero();
        try (Stream<Path> zips = Files.list(dir.resolve("backups"))) {
            assertThat(zips.map(p -> p.getFileName().toString()).toList())
                    .singleElement().asString().startsWith("rapport-backup-").endsWith(".zip");
        }
    }

    @Test
    void helpListsEveryCommandAndAnUnknownWordIsRefusedWithTheList() {
        System.setProperty("rapport.data-dir", dir.resolve("data").toString());

        Run help = run("help");
        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("sync", "import", "bench-draft", "warm-up");

        Run unknown = run("nosuch");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).contains("Unknown command 'nosuch'", "import");

        Run sub = run("bench", "draft", "--help");
        assertThat(sub.exit()).isZero();
        assertThat(sub.out()).startsWith("Usage: bench draft");
    }
}
