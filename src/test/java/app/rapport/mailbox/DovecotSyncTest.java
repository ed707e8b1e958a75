package app.rapport.mailbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import app.rapport.support.Dovecot;
import app.rapport.support.TcpProxy;
import app.rapport.support.TestData;

/**
 * Sync against a real Dovecot: every test reads its own user's mailbox, so tests never see each other's mail.
 * The schedule is effectively off (first poll after an hour); only IDLE and the tests themselves read mail.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = {
        "rapport.demo.enabled=false",
        "rapport.mail.initial-delay=1h",
        "rapport.mail.poll-interval=1h",
        "rapport.mail.timeout=2s",
        "rapport.mail.sync.batch-size=20",
        "rapport.mail.sync.max-message-size=64KB",
        "rapport.mail.sync.stream-chunk=16KB",
        "rapport.mail.sync.backoff=50ms",
        "rapport.mail.sync.idle-renew=2s"})
class DovecotSyncTest {

    private static final String[] USERS = {"idler", "second", "fresh", "renumber", "flaky", "expunge", "seen",
            "cut", "silent", "large", "sent", "tls", "starttls", "untrusted", "uvstop", "history"};
    private static Dovecot dovecot;

    @BeforeAll
    static void startDovecot() {
        if (dovecot == null) {
            dovecot = Dovecot.startOrSkip(USERS);
        }
    }

    @AfterAll
    static void stopDovecot() {
        if (dovecot != null) {
            dovecot.close();
            dovecot = null;
        }
    }

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        registry.add("rapport.data-dir", () -> TestData.freshDirectory("dovecot-sync"));
        // A list is bound from one property source only, so every account property is given here.
        registry.add("rapport.accounts[0].name", () -> "idle");
        registry.add("rapport.accounts[0].imap.host", () -> "127.0.0.1");
        registry.add("rapport.accounts[0].imap.security", () -> "NONE");
        registry.add("rapport.accounts[0].imap.user", () -> "idler");
        registry.add("rapport.accounts[0].address", () -> "idler@rapport.test");
        registry.add("rapport.accounts[1].address", () -> "second@rapport.test");
        registry.add("rapport.accounts[0].imap.password", () -> Dovecot.PASSWORD);
        registry.add("rapport.accounts[1].name", () -> "second");
        registry.add("rapport.accounts[1].imap.host", () -> "localhost");
        registry.add("rapport.accounts[1].imap.security", () -> "TLS");
        registry.add("rapport.accounts[1].imap.user", () -> "second");
        registry.add("rapport.accounts[1].imap.password", () -> Dovecot.PASSWORD);
        registry.add("rapport.accounts[1].folders", () -> "INBOX,Drafts");
        registry.add("rapport.accounts[0].imap.port", () -> dovecot == null ? 1 : dovecot.imapPort());
        registry.add("rapport.accounts[1].imap.port", () -> dovecot == null ? 1 : dovecot.imapsPort());
        registry.add("rapport.accounts[1].imap.trusted-certificate",
                () -> dovecot == null ? "" : dovecot.certificate().toString());
    }

    @Autowired
    ImapFolderSync sync;
    @Autowired
    MailboxPoller poller;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    RawMessageStore raw;

    @Test
    void firstSyncReadsNewestFirstInBatchesAndStoresEveryMessageOnce() throws Exception {
        dovecot.fill("fresh", messages("fresh", 45, 500));
        List<Long> lowWater = new ArrayList<>();
        var result = sync.sync(dovecot.account("fresh", "fresh"), new SyncListener() {
            @Override
            public void batchDone(String account, String folder, int fetched, long done, long total) {
                if (folder.equals("INBOX")) {
                    lowWater.add(low("fresh", "INBOX"));
                }
            }
        });

        assertThat(result.fetchedByFolder()).containsEntry("INBOX", 45).containsEntry("Sent", 0);
        assertThat(messageIds("fresh")).hasSize(45).doesNotHaveDuplicates();
        // Newest first: after the first batch only the 20 newest UIDs are in, then the cursor walks down to 1.
        assertThat(lowWater.getFirst()).isEqualTo(26);
        assertThat(lowWater.getLast()).isEqualTo(1);
        // Dovecot offers CONDSTORE: the folder's HIGHESTMODSEQ is kept with the cursor.
        assertThat(jdbc.sql("select highest_modseq from folder_state where account = 'fresh' and folder = 'INBOX'")
                .query(Long.class).single()).isPositive();
        assertThat(sync.syncAccount(dovecot.account("fresh", "fresh"))).isZero();
    }

    @Test
    void interruptedFirstSyncResumesBelowWhatItAlreadyHas() throws Exception {
        dovecot.fill("flaky", messages("flaky", 50, 300));
        AtomicBoolean interrupt = new AtomicBoolean(true);
        assertThatThrownBy(() -> sync.sync(dovecot.account("flaky", "flaky"), new SyncListener() {
            @Override
            public void batchDone(String account, String folder, int fetched, long done, long total) {
                if (interrupt.getAndSet(false)) {
                    throw new IllegalStateException("process stopped");
                }
            }
        })).hasMessageContaining("process stopped");
        assertThat(messageIds("flaky")).hasSize(20);

        dovecot.deliver("flaky", "INBOX", Dovecot.message("flaky-new@test", "a@customer.example", "flaky@rapport.test",
                "arrived meanwhile", "hello"));
        assertThat(sync.syncAccount(dovecot.account("flaky", "flaky"))).isEqualTo(31);
        assertThat(messageIds("flaky")).hasSize(51).doesNotHaveDuplicates();
    }

    @Test
    void renumberedFolderIsReadAgainWithoutDuplicatesOrDeletions() throws Exception {
        dovecot.fill("renumber", messages("renumber", 12, 300));
        MailAccount account = dovecot.account("renumber", "renumber");
        sync.syncAccount(account);
        List<Long> before = ids("renumber");

        dovecot.renumber("renumber", "INBOX", 777001);
        dovecot.deliver("renumber", "INBOX", Dovecot.message("renumber-new@test", "b@customer.example",
                "renumber@rapport.test", "after the renumbering", "hi"));
        assertThat(sync.syncAccount(account)).isEqualTo(1);

        assertThat(ids("renumber")).hasSize(13).containsAll(before);
        assertThat(messageIds("renumber")).doesNotHaveDuplicates();
        assertThat(new SyncNoticesView(jdbc).latest("renumber")).anyMatch(n -> n.contains("renumbered"));
        assertThat(dovecot.doveadm("mailbox", "status", "-u", "renumber", "messages", "INBOX")).contains("messages=13");
    }

    @Test
    void folderRenumberedOnEverySyncStopsItsAccountWithAClearError() throws Exception {
        dovecot.fill("uvstop", messages("uvstop", 3, 300));
        MailAccount account = dovecot.account("uvstop", "uvstop");
        sync.syncAccount(account);
        long validity = 900001;
        Throwable stopped = null;
        for (int i = 0; i < 5 && stopped == null; i++) {
            dovecot.renumber("uvstop", "INBOX", validity++);
            try {
                sync.syncAccount(account);
            } catch (AccountStoppedException e) {
                stopped = e;
            }
        }
        assertThat(stopped).isNotNull().hasMessageContaining("stopped").hasMessageContaining("UIDVALIDITY")
                .hasMessageContaining("Nothing was deleted");
        assertThat(validity).isEqualTo(900004);
        // Once the numbers stay put the account reads again by itself.
        sync.syncAccount(account);
    }

    @Test
    void messageExpungedByAnotherClientDuringTheSyncIsSkippedAndTheRestIsStored() throws Exception {
        // Four batches: while the first is stored the next two may be fetched already, the last one cannot be.
        dovecot.fill("expunge", messages("expunge", 80, 300));
        AtomicBoolean once = new AtomicBoolean(true);
        sync.sync(dovecot.account("expunge", "expunge"), new SyncListener() {
            @Override
            public void batchDone(String account, String folder, int fetched, long done, long total) {
                if (folder.equals("INBOX") && once.getAndSet(false)) {
                    dovecot.doveadm("expunge", "-u", "expunge", "mailbox", "INBOX", "uid", "3");
                }
            }
        });
        assertThat(messageIds("expunge")).hasSize(79).doesNotHaveDuplicates()
                .doesNotContain("expunge-3@test").contains("expunge-1@test", "expunge-80@test");
    }

    @Test
    void mailAlreadyReadElsewhereIsImportedAndNoFlagChanges() throws Exception {
        dovecot.fill("seen", messages("seen", 5, 300));
        dovecot.doveadm("flags", "add", "-u", "seen", "\\Seen", "mailbox", "INBOX", "uid", "2");
        String flagsBefore = dovecot.flags("seen", "INBOX");

        assertThat(sync.syncAccount(dovecot.account("seen", "seen"))).isEqualTo(5);

        assertThat(dovecot.flags("seen", "INBOX")).isEqualTo(flagsBefore);
        assertThat(flagsBefore.split("\\\\Seen", -1)).hasSize(2);
        assertThat(dovecot.doveadm("mailbox", "status", "-u", "seen", "messages", "INBOX")).contains("messages=5");
    }

    @Test
    void connectionCutInTheMiddleOfAFetchIsRetriedAndLosesNothing() throws Exception {
        dovecot.fill("cut", messages("cut", 60, 2000));
        try (TcpProxy proxy = new TcpProxy("127.0.0.1", dovecot.imapPort(), TcpProxy.Fault.CUT, 30_000)) {
            MailAccount account = dovecot.account("cut", "cut", "127.0.0.1", proxy.port(), MailAccount.Security.NONE);
            assertThat(sync.syncAccount(account)).isEqualTo(60);
            assertThat(proxy.faultHappened()).isTrue();
            assertThat(proxy.connections()).isGreaterThan(1);
        }
        assertThat(messageIds("cut")).hasSize(60).doesNotHaveDuplicates();
    }

    @Test
    void silentServerTimesOutAndTheNextConnectionLosesNothing() throws Exception {
        dovecot.fill("silent", messages("silent", 60, 2000));
        try (TcpProxy proxy = new TcpProxy("127.0.0.1", dovecot.imapPort(), TcpProxy.Fault.SILENCE, 30_000)) {
            MailAccount account = dovecot.account("silent", "silent", "127.0.0.1", proxy.port(), MailAccount.Security.NONE);
            assertThat(sync.syncAccount(account)).isEqualTo(60);
            assertThat(proxy.faultHappened()).isTrue();
        }
        assertThat(messageIds("silent")).hasSize(60).doesNotHaveDuplicates();
    }

    @Test
    void messageOverTheSizeLimitIsStoredAsItsHeadersWithItsSizeAndTheWholeRawMessage() throws Exception {
        String big = "x".repeat(99) + "\r\n";
        byte[] message = Dovecot.message("large-1@test", "c@customer.example", "large@rapport.test", "Photos",
                big.repeat(3000));
        dovecot.deliver("large", "INBOX", message);

        assertThat(sync.syncAccount(dovecot.account("large", "large"))).isEqualTo(1);

        var row = jdbc.sql("select sha256, size_bytes, subject, body_text from messages where message_id = 'large-1@test'")
                .query((rs, n) -> List.of(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4))).single();
        assertThat(Long.parseLong(row.get(1))).isEqualTo(message.length);
        assertThat(row.get(2)).isEqualTo("Photos");
        assertThat(row.get(3)).contains(message.length + " bytes").doesNotContain("xxxxxxxxxx");
        assertThat(raw.read(row.get(0))).isEqualTo(message);
    }

    @Test
    void sentFolderIsFoundByItsSpecialUseAndRead() throws Exception {
        dovecot.deliver("sent", "Sent", Dovecot.message("sent-1@test", "sent@rapport.test", "d@customer.example",
                "Re: your order", "sent from the phone"));
        var result = sync.sync(dovecot.account("sent", "sent"), SyncListener.NONE);
        assertThat(result.fetchedByFolder()).containsEntry("Sent", 1);
        assertThat(jdbc.sql("select folder from messages where message_id = 'sent-1@test'").query(String.class).single())
                .isEqualTo("Sent");
    }

    @Test
    void implicitTlsAndStartTlsVerifyTheServerAgainstTheTrustedCertificate() throws Exception {
        dovecot.deliver("tls", "INBOX", Dovecot.message("tls-1@test", "e@customer.example", "tls@rapport.test", "a", "b"));
        dovecot.deliver("starttls", "INBOX", Dovecot.message("starttls-1@test", "e@customer.example",
                "starttls@rapport.test", "a", "b"));
        assertThat(sync.syncAccount(dovecot.account("tls", "tls", "localhost", dovecot.imapsPort(),
                MailAccount.Security.TLS))).isEqualTo(1);
        assertThat(sync.syncAccount(dovecot.account("starttls", "starttls", "localhost", dovecot.imapPort(),
                MailAccount.Security.STARTTLS))).isEqualTo(1);

        var unverified = new MailAccount("untrusted", "untrusted@rapport.test", new MailAccount.Endpoint("localhost",
                dovecot.imapsPort(), MailAccount.Security.TLS, "untrusted", Dovecot.PASSWORD, false), null);
        assertThatThrownBy(() -> sync.syncAccount(unverified))
                .satisfies(e -> assertThat(MailboxPoller.plainWords(e)).contains("certificate is not trusted"));
    }

    @Test
    void severalAccountsAreReadByCheckNowAndShowTheirStatus() throws Exception {
        dovecot.deliver("second", "INBOX", Dovecot.message("second-1@test", "f@customer.example",
                "second@rapport.test", "to the second shop", "hello"));
        dovecot.deliver("second", "Drafts", Dovecot.message("second-2@test", "second@rapport.test",
                "f@customer.example", "draft", "hello"));

        MailboxPoller.PollResult result = poller.checkNow();

        assertThat(result.ok()).as(result.errors().toString()).isTrue();
        assertThat(messageIds("second")).containsExactlyInAnyOrder("second-1@test", "second-2@test");
        assertThat(poller.status()).extracting(MailboxPoller.AccountStatus::account).contains("idle", "second");
        var second = poller.status().stream().filter(s -> s.account().equals("second")).findFirst().orElseThrow();
        assertThat(second.lastSuccess()).isNotNull();
        assertThat(second.messagesToday()).isEqualTo(2);
        assertThat(second.healthy()).isTrue();
    }

    @Test
    void messageDeliveredWhileIdlingArrivesWithoutWaitingForThePoll() {
        // The poll interval is an hour: only IDLE can bring this message in.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(jdbc.sql("select count(*) from folder_state where account = 'idle'").query(Long.class)
                        .single()).isPositive());
        dovecot.deliver("idler", "INBOX", Dovecot.message("idle-1@test", "g@customer.example", "idler@rapport.test",
                "while idling", "hello"));
        await().atMost(Duration.ofSeconds(8)).untilAsserted(() -> assertThat(messageIds("idle")).contains("idle-1@test"));

        // Still idling after the renewals (idle-renew is 2 s here): the next one arrives too.
        await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> true);
        dovecot.deliver("idler", "INBOX", Dovecot.message("idle-2@test", "g@customer.example", "idler@rapport.test",
                "still idling", "hello"));
        await().atMost(Duration.ofSeconds(8)).untilAsserted(() -> assertThat(messageIds("idle")).contains("idle-2@test"));
    }

    @Test
    void firstSyncReadsOldMailAsHistoryWithoutDraftsAndRecentMailAsArrivingMail() throws Exception {
        List<byte[]> mail = new ArrayList<>();
        for (int i = 1; i <= 45; i++) {
            mail.add(datedBack(Dovecot.message("history-" + i + "@test", "buyer" + (i % 7) + "@customer.example",
                    "history@rapport.test", "Can you resize ring " + i + "?", "Could you resize my ring to size 54?"),
                    java.time.ZonedDateTime.of(2022, 5, 1, 9, 0, 0, 0, java.time.ZoneOffset.UTC).plusDays(i)));
        }
        // A reply in the thread of the oldest message, written yesterday: it needs an answer now.
        String reply = text(Dovecot.message("history-recent@test", "buyer1@customer.example", "history@rapport.test",
                "Re: Can you resize ring 1?", "Hello again, is my ring ready?"))
                .replace("MIME-Version", "In-Reply-To: <history-1@test>\r\nReferences: <history-1@test>\r\nMIME-Version");
        mail.add(datedBack(reply.getBytes(StandardCharsets.UTF_8), java.time.ZonedDateTime.now().minusDays(1)));
        dovecot.fill("history", mail);

        assertThat(sync.syncAccount(dovecot.account("history", "history"))).isEqualTo(46);

        assertThat(messageIds("history")).hasSize(46).doesNotHaveDuplicates();
        String ofAccount = " in (select id from messages where account = 'history')";
        // History is threaded and attributed as it is stored; the recent reply goes the live way, after its events.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(count("select count(*) from conversation_messages where message" + ofAccount)).isEqualTo(46);
            assertThat(count("select count(*) from customer_messages where message" + ofAccount)).isEqualTo(46);
        });
        // The recent reply joined the conversation it answers, although that came in as history.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(count("""
                select count(distinct cm.conversation) from conversation_messages cm join messages m on m.id = cm.message
                where m.message_id in ('history-1@test', 'history-recent@test')""")).isEqualTo(1));
        // Arriving mail is considered for a reply; history is not, as with an import.
        long recent = jdbc.sql("select id from messages where message_id = 'history-recent@test'").query(Long.class).single();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                count("select count(*) from reply_decisions where message = " + recent)).isEqualTo(1));
        assertThat(count("select count(*) from reply_decisions where message" + ofAccount)).isEqualTo(1);

        // New mail in steady state is still read as arriving mail.
        dovecot.deliver("history", "INBOX", Dovecot.message("history-new@test", "buyer3@customer.example",
                "history@rapport.test", "A new question", "Do you also engrave rings?"));
        assertThat(sync.syncAccount(dovecot.account("history", "history"))).isEqualTo(1);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(count("select count(*) from reply_decisions where message" + ofAccount)).isEqualTo(2));
    }

    private long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }

    private List<String> messageIds(String account) {
        return jdbc.sql("select message_id from messages where account = ?").param(account).query(String.class).list();
    }

    private List<Long> ids(String account) {
        return jdbc.sql("select id from messages where account = ?").param(account).query(Long.class).list();
    }

    private long low(String account, String folder) {
        return jdbc.sql("select low_uid from folder_state where account = ? and folder = ?").params(account, folder)
                .query(Long.class).single();
    }

    /** Mail from years ago: a first sync reads it as history, in bulk. */
    static List<byte[]> messages(String prefix, int n, int bodyBytes) {
        List<byte[]> all = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            all.add(datedBack(Dovecot.message(prefix + "-" + i + "@test", "customer" + i + "@customer.example",
                    prefix + "@rapport.test", "Question " + i, ("line of text " + i + "\r\n").repeat(bodyBytes / 16)),
                    java.time.ZonedDateTime.of(2021, 3, 4, 10, 0, 0, 0, java.time.ZoneOffset.UTC).plusHours(i)));
        }
        return all;
    }

    static byte[] datedBack(byte[] message, java.time.ZonedDateTime at) {
        String date = java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(at);
        return text(message).replaceFirst("Date: [^\r]*", "Date: " + date).getBytes(StandardCharsets.UTF_8);
    }

    /** The notices of an account as the status page shows them. */
    record SyncNoticesView(JdbcClient jdbc) {
        List<String> latest(String account) {
            return jdbc.sql("select text from sync_notices where account = ?").param(account).query(String.class).list();
        }
    }

    static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    static boolean exists(java.nio.file.Path p) {
        return Files.exists(p);
    }
}
