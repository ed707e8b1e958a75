package app.rapport.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import app.rapport.mailbox.MailFiles;
import app.rapport.mailbox.MessageParser;
import app.rapport.mailbox.ParsedMessage;
import app.rapport.recall.MessageIndex;
import app.rapport.threading.JwzThreader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Imports the whole usrp-users archive (../shared/corpus, present in CI) through the bulk path and checks that
 * nothing is lost and that the conversations follow the References / In-Reply-To structure. Skipped, with a
 * message, where the corpus is absent.
 */
@SpringBootTest(properties = {"rapport.scheduling.enabled=false", "rapport.demo.enabled=false"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@org.junit.jupiter.api.condition.EnabledIf(value = "corpusPresent",
        disabledReason = "the usrp-users corpus (../shared/corpus/usrp-users.tar.zst) is not here")
class UsrpUsersCorpusTest {

    static final Path ARCHIVE = Path.of("../shared/corpus/usrp-users.tar.zst");

    static final Path data = Path.of(app.rapport.support.TestData.freshDirectory("usrp-corpus"));

    static boolean corpusPresent() {
        return Files.isRegularFile(ARCHIVE);
    }

    static Path maildir;

    @DynamicPropertySource
    static void dataDirectory(DynamicPropertyRegistry registry) {
        registry.add("rapport.data-dir", () -> data.toString());
    }

    @Autowired
    BulkImport bulk;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MessageIndex index;

    BulkImport.Summary summary;
    List<Path> files;

    @BeforeAll
    void importTheArchive() throws IOException, InterruptedException {
        assumeTrue(Files.isRegularFile(ARCHIVE), "usrp-users corpus not found at " + ARCHIVE.toAbsolutePath() + ": skipped");
        Path unpacked = Files.createDirectories(data.resolve("corpus"));
        Process tar = new ProcessBuilder("bash", "-c", "zstd -dc \"$0\" | tar x -C \"$1\"",
                ARCHIVE.toAbsolutePath().toString(), unpacked.toString()).inheritIO().start();
        assertThat(tar.waitFor()).as("unpacking with zstd and tar").isZero();
        maildir = unpacked.resolve("usrp-users");
        files = MailFiles.maildir(maildir);
        summary = bulk.run(BulkImport.files(files).iterator(), files.size(), null);
    }

    @Test
    void storesOrQuarantinesEveryMessageAndLosesNone() {
        assertThat(files).hasSize(10_651);
        assertThat(summary.seen()).isEqualTo(files.size());
        assertThat(summary.stored() + summary.quarantined() + summary.duplicates()).isEqualTo(files.size());
        long stored = jdbc.sql("select count(*) from messages").query(Long.class).single();
        long quarantined = jdbc.sql("select count(*) from quarantine where reason <> ''").query(Long.class).single();
        long distinct = files.stream().map(UsrpUsersCorpusTest::sha).distinct().count();
        assertThat(stored + quarantined).isEqualTo(distinct);
        assertThat(jdbc.sql("select count(*) from messages m where not exists "
                + "(select 1 from conversation_messages c where c.message = m.id)").query(Long.class).single()).isZero();
        assertThat(index.size()).isEqualTo(stored);
    }

    @Test
    void everyReplyIsInTheConversationOfTheMessagesItReferences() {
        long split = jdbc.sql("""
                select count(*) from message_refs r
                join messages parent on parent.message_id = r.ref_id
                join conversation_messages a on a.message = r.message
                join conversation_messages b on b.message = parent.id
                where a.conversation <> b.conversation""").query(Long.class).single();
        long links = jdbc.sql("select count(*) from message_refs r join messages p on p.message_id = r.ref_id")
                .query(Long.class).single();

        assertThat(links).isGreaterThan(5_000);
        assertThat(split).isZero();
    }

    @Test
    void theInMemoryThreaderAgreesWithTheStoredConversations() throws IOException {
        MessageParser parser = new MessageParser();
        List<JwzThreader.Item> items = files.parallelStream().map(f -> {
            try {
                ParsedMessage p = parser.read(Files.readAllBytes(f));
                return new JwzThreader.Item(f.toString(), p.messageId(), p.references(), p.subject(), p.date(),
                        p.fromAddress(), p.automated() != null);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).toList();
        Map<String, String> jwz = JwzThreader.threadIds(items);
        Map<String, Long> stored = new HashMap<>();
        jdbc.sql("select m.folder, c.conversation from messages m join conversation_messages c on c.message = m.id")
                .query((java.sql.ResultSet rs) -> {
                    stored.put(rs.getString(1), rs.getLong(2));
                });

        Map<String, Set<Long>> storedPerThread = new HashMap<>();
        Map<Long, Set<String>> threadsPerStored = new HashMap<>();
        jwz.forEach((file, thread) -> {
            Long conversation = stored.get(file);
            if (conversation != null) {
                storedPerThread.computeIfAbsent(thread, k -> new HashSet<>()).add(conversation);
                threadsPerStored.computeIfAbsent(conversation, k -> new HashSet<>()).add(thread);
            }
        });
        long splitThreads = storedPerThread.values().stream().filter(s -> s.size() > 1).count();
        long mergedConversations = threadsPerStored.values().stream().filter(s -> s.size() > 1).count();

        assertThat(splitThreads).as("in-memory threads spread over several stored conversations").isZero();
        assertThat(mergedConversations).as("stored conversations holding several in-memory threads").isZero();
    }

    private static String sha(Path p) {
        try {
            return java.util.HexFormat.of().formatHex(
                    java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p)));
        } catch (IOException | java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
