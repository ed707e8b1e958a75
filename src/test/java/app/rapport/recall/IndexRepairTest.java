package app.rapport.recall;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.FileSystemUtils;

import app.rapport.support.Apps;
import app.rapport.support.TestData;
import app.rapport.support.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The index is derived data: whatever happened to it while Rapport was stopped, the next start repairs it. */
@Tag(TestDatabase.TAG)
@ExtendWith(TestDatabase.class)
class IndexRepairTest {

    private Path data;

    @BeforeEach
    void threeIndexedMessages() {
        data = Path.of(TestData.freshDirectory("index-repair"));
        try (ConfigurableApplicationContext app = Apps.start(data)) {
            Apps.storeMail(app, "repair-1@x", "Mia Roth <mia@roth.example>", "Cork soles", "Are the cork soles vegan?");
            Apps.storeMail(app, "repair-2@x", "Jan Berg <jan@berg.example>", "Welted boots", "How long do welted boots last?");
            Apps.storeMail(app, "repair-3@x", "Eva Sand <eva@sand.example>", "Cork insoles", "Do you sell cork insoles alone?");
            Search search = app.getBean(Search.class);
            await().atMost(Duration.ofSeconds(20)).until(() -> search.find("cork OR welted", 10).hits().size() == 3);
        }
    }

    @Test
    void aDeletedIndexIsRebuiltAtStart() {
        FileSystemUtils.deleteRecursively(data.resolve("index").toFile());

        try (ConfigurableApplicationContext app = Apps.start(data)) {
            assertThat(app.getBean(Search.class).find("cork OR welted", 10).hits()).hasSize(3);
            MessageIndexer.Repair repair = app.getBean(IndexCheck.class).lastRepair().orElseThrow();
            assertThat(repair.missing()).isEqualTo(3);
            assertThat(repair.reindexed()).isEqualTo(3);
        }
    }

    @Test
    void aDamagedIndexIsDetectedAndRebuiltAtStart() throws IOException {
        Path segment = largestSegmentFile();
        try (RandomAccessFile file = new RandomAccessFile(segment.toFile(), "rw")) {
            file.setLength(file.length() / 2);
        }

        try (ConfigurableApplicationContext app = Apps.start(data)) {
            assertThat(app.getBean(Search.class).find("cork OR welted", 10).hits()).hasSize(3);
            assertThat(app.getBean(IndexCheck.class).lastRepair().orElseThrow().wasDamaged()).isTrue();
        }
    }

    @Test
    void anIndexThatAgreesIsLeftAlone() {
        try (ConfigurableApplicationContext app = Apps.start(data)) {
            MessageIndexer.Repair repair = app.getBean(IndexCheck.class).lastRepair().orElseThrow();
            assertThat(repair.neededWork()).isFalse();
            assertThat(repair.stored()).isEqualTo(3);
            assertThat(repair.indexedBefore()).isEqualTo(3);
        }
    }

    private Path largestSegmentFile() throws IOException {
        try (Stream<Path> files = Files.list(data.resolve("index"))) {
            return files.filter(p -> p.getFileName().toString().startsWith("_"))
                    .max(Comparator.comparingLong(p -> p.toFile().length())).orElseThrow();
        }
    }
}
