package app.rapport.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.FileSystemUtils;

import app.rapport.recall.Search;
import app.rapport.recall.SearchHit;
import app.rapport.support.Apps;
import app.rapport.support.TestData;
import app.rapport.threading.Conversation;
import app.rapport.threading.Conversations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The README's restore of the embedded default: {@code backup}, lose the data directory, unpack the zip into an
 * empty one, start. Rapport comes back with the same conversations and the same search results.
 */
class BackupAndRestoreTest {

    private final Path data = Path.of(TestData.freshDirectory("backup-data"));
    private final Path backups = Path.of(TestData.freshDirectory("backups"));

    @Test
    void aBackupRestoredIntoAnEmptyDataDirectoryBringsBackConversationsSearchAndLogin() throws Exception {
        List<String> conversationsBefore;
        List<String> hitsBefore;
        try (ConfigurableApplicationContext app = Apps.start(data, "rapport.owner.password=")) {
            Apps.storeMail(app, "backup-1@x", "Lena Hof <lena@hof.example>", "Saddle stitching",
                    "Is the saddle stitching done by hand?");
            Apps.storeMail(app, "backup-2@x", "Tom Ries <tom@ries.example>", "Re: Saddle stitching",
                    "Thanks, and is the leather vegetable tanned?");
            Apps.storeMail(app, "backup-3@x", "Ida Kern <ida@kern.example>", "Gift voucher",
                    "Can I buy a gift voucher for my sister?");
            Search search = app.getBean(Search.class);
            await().atMost(Duration.ofSeconds(20)).until(() -> search.find("saddle OR voucher OR leather", 10).hits().size() == 3);
            conversationsBefore = subjects(app);
            hitsBefore = hits(app);

            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int exit = app.getBean(BackupCommand.class).run(List.of(backups.toString()),
                    new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
            assertThat(exit).isZero();
            assertThat(out.toString(StandardCharsets.UTF_8)).contains("backup written to");
        }
        String ownerPassword = Files.readString(data.resolve("owner-password"));
        Path zip = onlyBackup();
        assertThat(entries(zip)).contains("db/rapport.mv.db", "owner-password")
                .anyMatch(name -> name.startsWith("raw/") && name.endsWith(".eml"))
                .noneMatch(name -> name.startsWith("index/"));

        FileSystemUtils.deleteRecursively(data);
        Files.createDirectories(data);
        unzip(zip, data);

        try (ConfigurableApplicationContext app = Apps.start(data, "rapport.owner.password=")) {
            assertThat(subjects(app)).isEqualTo(conversationsBefore).hasSize(3);
            assertThat(hits(app)).isEqualTo(hitsBefore).hasSize(3);
        }
        assertThat(Files.readString(data.resolve("owner-password"))).isEqualTo(ownerPassword);
    }

    private static List<String> subjects(ConfigurableApplicationContext app) {
        Conversations conversations = app.getBean(Conversations.class);
        return conversations.page(0, 50).stream().map(c -> c.id() + " " + c.subject() + " " + c.messageCount()).toList();
    }

    private static List<String> hits(ConfigurableApplicationContext app) {
        return app.getBean(Search.class).find("saddle OR voucher OR leather", 10).hits().stream()
                .map(SearchHit::subject).sorted().toList();
    }

    private Path onlyBackup() throws IOException {
        try (Stream<Path> files = Files.list(backups)) {
            return files.filter(p -> p.getFileName().toString().matches("rapport-backup-\\d{8}-\\d{6}\\.zip"))
                    .reduce((a, b) -> {
                        throw new AssertionError("more than one backup: " + a + ", " + b);
                    }).orElseThrow();
        }
    }

    private static List<String> entries(Path zip) throws IOException {
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            List<String> names = new java.util.ArrayList<>();
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                names.add(e.getName());
            }
            return names;
        }
    }

    /** What {@code unzip BACKUP.zip -d DATA} does. */
    private static void unzip(Path zip, Path into) throws IOException {
        try (InputStream raw = Files.newInputStream(zip); ZipInputStream in = new ZipInputStream(raw)) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                Path target = into.resolve(e.getName()).normalize();
                assertThat(target.startsWith(into)).as("entry stays inside the data directory").isTrue();
                Files.createDirectories(target.getParent());
                Files.copy(in, target);
            }
        }
    }
}
