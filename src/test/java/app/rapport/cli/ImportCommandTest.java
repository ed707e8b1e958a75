package app.rapport.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import app.rapport.mailbox.MailFiles;
import app.rapport.mailbox.Messages;
import app.rapport.mailbox.RawMessageStore;
import app.rapport.mailbox.StoredMessage;
import app.rapport.recall.Search;
import app.rapport.support.LoopTest;
import app.rapport.threading.Conversations;

import static org.assertj.core.api.Assertions.assertThat;

class ImportCommandTest extends LoopTest {

    @Autowired
    ImportCommand importCommand;

    @Autowired
    Search search;

    @Autowired
    Conversations conversations;

    @Autowired
    BulkImport bulk;

    @Autowired
    Messages messages;

    @Autowired
    RawMessageStore raw;

    private static String mail(String id, String refs, String subject, String body) {
        return "From: Jana Holm <jana@import-test.example>\r\nTo: " + SHOP + "\r\nSubject: " + subject
                + "\r\nDate: Mon, 2 Nov 2026 10:00:00 +0000\r\nMessage-ID: <" + id + ">\r\n"
                + (refs == null ? "" : "In-Reply-To: <" + refs + ">\r\n") + "\r\n" + body + "\r\n";
    }

    private String run(String... args) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = importCommand.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        assertThat(code).isZero();
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void importsAMaildirOnceThreadsItAndMakesItSearchable() throws Exception {
        Path maildir = Files.createTempDirectory("import-test");
        Path cur = Files.createDirectories(maildir.resolve("cur"));
        Files.writeString(cur.resolve("1"), mail("imp-q@import-test.example", null, "Mahogany lasts", "Do you sell mahogany lasts?"));
        Files.writeString(cur.resolve("2"), mail("imp-r@import-test.example", "imp-q@import-test.example",
                "Re: Mahogany lasts", "And in size 39?\r\n\r\nOn Mon, Clara wrote:\r\n> Yes."));
        Files.write(cur.resolve("3"), new byte[] {0x7f, 'E', 'L', 'F', 1});

        String first = run("--maildir", maildir.toString());
        String second = run("--maildir", maildir.toString());

        assertThat(first).contains("3 read, 2 stored, 0 already stored").contains("quarantined   1");
        assertThat(second).contains("3 read, 0 stored, 3 already stored").contains("conversations 0 more");
        var hits = search.find("mahogany", 10).hits();
        assertThat(hits).hasSize(1);
        assertThat(conversations.expect(hits.getFirst().conversationId()).messageCount()).isEqualTo(2);
    }

    @Test
    void aReplyIsFoundByItsQuotedLinesOnlyWhenTheMailItQuotesIsNotStored() throws Exception {
        Path maildir = Files.createTempDirectory("import-quotes");
        Path cur = Files.createDirectories(maildir.resolve("cur"));
        // the reply comes first, as a first sync reads them (newest first)
        Files.writeString(cur.resolve("1"), mail("quo-r@import-test.example", "quo-q@import-test.example",
                "Re: Shoe trees", "Then two pairs in umber, please.\r\n\r\nOn Mon, Jana wrote:\r\n"
                        + "> Are the hornbeam shoe trees in stock?"));
        Files.writeString(cur.resolve("2"), mail("quo-q@import-test.example", null, "Shoe trees",
                "Are the hornbeam shoe trees in stock?"));
        Files.writeString(cur.resolve("3"), mail("quo-o@import-test.example", "quo-gone@import-test.example",
                "Re: Dust bags", "Yes, send it.\r\n\r\nOn Sun, Clara wrote:\r\n> A gabardine dust bag comes with it."));

        run("--maildir", maildir.toString());

        long parent = messages.idsByMessageIds(List.of("quo-q@import-test.example")).getFirst();
        long reply = messages.idsByMessageIds(List.of("quo-r@import-test.example")).getFirst();
        long orphan = messages.idsByMessageIds(List.of("quo-o@import-test.example")).getFirst();
        // the quoted words lead to the message that said them, in the same conversation, and to no copy of it
        var hornbeam = search.find("hornbeam", 10);
        assertThat(hornbeam.totalMessages()).isEqualTo(1);
        assertThat(hornbeam.hits()).singleElement().satisfies(h -> assertThat(h.messageId()).isEqualTo(parent));
        assertThat(search.find("umber", 10).hits()).singleElement()
                .satisfies(h -> assertThat(h.messageId()).isEqualTo(reply));
        // the quoted mail is not stored: the reply's copy of it is what search has
        var gabardine = search.find("\"gabardine dust bag\"", 10);
        assertThat(gabardine.totalMessages()).isEqualTo(1);
        assertThat(gabardine.hits()).singleElement()
                .satisfies(h -> assertThat(h.messageId()).isEqualTo(orphan));
    }

    @Autowired
    app.rapport.customers.Customers customers;

    @Autowired
    app.rapport.customers.Facts facts;

    @Test
    void factsOfImportedMailAreReadInTheBackgroundOnceStored() throws Exception {
        Path maildir = Files.createTempDirectory("import-facts");
        Path cur = Files.createDirectories(maildir.resolve("cur"));
        Files.writeString(cur.resolve("1"), "From: Maren Voss <maren@import-facts.example>\r\nTo: " + SHOP
                + "\r\nSubject: Felt slippers\r\nDate: Tue, 3 Nov 2026 09:00:00 +0000\r\n"
                + "Message-ID: <facts-1@import-facts.example>\r\n\r\n"
                + "Hello! We live in Husum, by the sea. Do the felt slippers come in size 41?\r\n\r\nMaren\r\n");

        run("--maildir", maildir.toString());

        var maren = customers.findByAddress("maren@import-facts.example").orElseThrow();
        var found = org.awaitility.Awaitility.await().pollInSameThread().atMost(java.time.Duration.ofSeconds(30))
                .until(() -> facts.of(List.of(maren.id())), f -> !f.isEmpty());
        assertThat(found).extracting(app.rapport.customers.Fact::value).contains("Husum");
        assertThat(found).allSatisfy(f -> assertThat(f.sentence()).isNotBlank());
    }

    @Test
    void importsAnMboxFileUndoingFromQuoting() throws Exception {
        String mbox = "From jana@import-test.example Mon Nov  2 10:00:00 2026\n"
                + mail("mbox-1@import-test.example", null, "Cork insoles", "Cork insoles, please.\n>From the workshop?").replace("\r\n", "\n")
                + "\nFrom jana@import-test.example Mon Nov  2 11:00:00 2026\n"
                + mail("mbox-2@import-test.example", "mbox-1@import-test.example", "Re: Cork insoles", "Two pairs.").replace("\r\n", "\n");
        Path file = Files.writeString(Files.createTempFile("import", ".mbox"), mbox);

        String summary = run("--mbox", file.toString());

        assertThat(summary).contains("2 read, 2 stored");
        var hit = search.find("\"cork insoles\"", 10).hits();
        assertThat(hit).hasSize(1);
        assertThat(conversations.expect(hit.getFirst().conversationId()).messageCount()).isEqualTo(2);
    }

    @Test
    void storesAMessageOverTheSizeLimitAsItsHeadersWithTheWholeMessageKeptRaw() throws Exception {
        Path cur = Files.createDirectories(Files.createTempDirectory("import-large").resolve("cur"));
        String body = "Photos of the worn heels attached.\r\n" + "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo=\r\n".repeat(5_000);
        Path file = Files.writeString(cur.resolve("1"), mail("large-1@import-test.example", null, "Worn heels", body));
        long size = Files.size(file);

        BulkImport.Summary summary = bulk.run(BulkImport.files(List.of(file)).iterator(), 1, null, 64 * 1024);

        assertThat(summary.stored()).isEqualTo(1);
        List<Long> ids = messages.idsByMessageIds(List.of("large-1@import-test.example"));
        assertThat(ids).hasSize(1);
        StoredMessage stored = messages.expect(ids.getFirst());
        assertThat(stored.subject()).isEqualTo("Worn heels");
        assertThat(stored.sizeBytes()).isEqualTo(size);
        assertThat(stored.text()).contains("This message is " + size + " bytes").doesNotContain("QUJD");
        assertThat(raw.read(stored.sha256())).isEqualTo(Files.readAllBytes(file));
    }

    @Test
    void aMessageOverTheSizeLimitInAnMboxFileIsStreamedFromAFileOfItsOwn() throws Exception {
        String body = "Photos of the scuffed toes attached.\n" + "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo=\n".repeat(5_000);
        String large = mail("mbox-large-1@import-test.example", null, "Scuffed toes", body).replace("\r\n", "\n");
        String small = mail("mbox-large-2@import-test.example", "mbox-large-1@import-test.example", "Re: Scuffed toes",
                "Thank you!").replace("\r\n", "\n");
        Path file = Files.writeString(Files.createTempFile("import-large", ".mbox"),
                "From jana@import-test.example Mon Nov  2 10:00:00 2026\n" + large
                        + "\nFrom jana@import-test.example Mon Nov  2 11:00:00 2026\n" + small);
        Path spill = Files.createTempDirectory("import-spill");

        List<MailFiles.MboxMessage> read = new java.util.ArrayList<>();
        try (var in = Files.newInputStream(file)) {
            MailFiles.mbox(in, 64 * 1024, spill).forEachRemaining(read::add);
        }
        assertThat(read).hasSize(2);
        assertThat(read.get(0).bytes()).as("never held in memory").isNull();
        assertThat(read.get(0).file()).hasParentRaw(spill);
        assertThat(read.get(1).bytes()).isNotNull();

        BulkImport.Summary summary;
        try (var in = Files.newInputStream(file)) {
            summary = bulk.run(ImportCommand.mboxSources(MailFiles.mbox(in, 64 * 1024, spill), file), -1, null,
                    64 * 1024);
        }

        assertThat(summary.stored()).isEqualTo(2);
        StoredMessage stored = messages.expect(messages.idsByMessageIds(List.of("mbox-large-1@import-test.example"))
                .getFirst());
        byte[] expected = (large + "\n").getBytes(StandardCharsets.UTF_8);
        assertThat(stored.sizeBytes()).isEqualTo(expected.length);
        assertThat(stored.text()).contains("This message is " + expected.length + " bytes").doesNotContain("QUJD");
        assertThat(raw.read(stored.sha256())).isEqualTo(expected);
        assertThat(conversations.conversationOf(messages.idsByMessageIds(List.of("mbox-large-2@import-test.example"))
                .getFirst())).isEqualTo(conversations.conversationOf(stored.id()));
    }
}
