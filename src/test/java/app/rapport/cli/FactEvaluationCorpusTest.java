package app.rapport.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import app.rapport.customers.FactFinder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Fact finding measured on hand-labelled messages of the usrp-users corpus; skipped where the corpus is absent. */
class FactEvaluationCorpusTest {

    private static final Path ARCHIVE = Path.of("../shared/corpus/usrp-users.tar.zst");
    private static final Path LABELS = Path.of("src/test/resources/facts/usrp-users-labelled.tsv");
    /** Labelled without looking at what the finder says: the honest figure. */
    private static final Path HELD_OUT = Path.of("src/test/resources/facts/usrp-users-held-out.tsv");

    @TempDir
    static Path unpacked;

    @BeforeAll
    static void unpack() throws Exception {
        assumeTrue(Files.isRegularFile(ARCHIVE), "the usrp-users corpus is not at " + ARCHIVE.toAbsolutePath() + "; skipped");
        Process p = new ProcessBuilder("sh", "-c", "zstd -dc \"$0\" | tar x -C \"$1\"",
                ARCHIVE.toAbsolutePath().toString(), unpacked.toString()).inheritIO().start();
        assertThat(p.waitFor()).as("unpacking " + ARCHIVE).isZero();
    }

    @Test
    void suggestedFactsAreRightAtLeastNineTimesInTenOnTheTuningSet() {
        assertRightNineTimesInTen(LABELS);
    }

    @Test
    void suggestedFactsAreRightAtLeastNineTimesInTenOnTheHeldOutSet() {
        assertRightNineTimesInTen(HELD_OUT);
    }

    private static void assertRightNineTimesInTen(Path labels) {
        FactEvaluation.Result result = new FactEvaluation(new FactFinder()).run(labels, unpacked.resolve("usrp-users"));
        ByteArrayOutputStream report = new ByteArrayOutputStream();
        FactEvaluation.print(Map.of(labels.getFileName().toString(), result),
                new PrintStream(report, true, StandardCharsets.UTF_8), true);
        System.out.println(report.toString(StandardCharsets.UTF_8));

        assertThat(result.messages()).isGreaterThanOrEqualTo(150);
        assertThat(result.overall().found()).as("facts found at all").isPositive();
        assertThat(result.overall().precision()).as(report.toString(StandardCharsets.UTF_8)).isGreaterThanOrEqualTo(0.9);
    }
}
