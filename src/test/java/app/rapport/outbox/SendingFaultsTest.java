package app.rapport.outbox;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.mail.Flags;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import app.rapport.drafting.Drafts;
import app.rapport.mailbox.MailAccount;
import app.rapport.support.Mails;
import app.rapport.support.ScriptedSmtpServer;
import app.rapport.support.TestData;
import app.rapport.support.TestMailbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Each way an SMTP server can answer, or fail to, and the state the reply ends in. The shop's mailbox is an
 * embedded IMAP server; the SMTP server is scripted per recipient. Replies wait in the outbox until a test
 * releases them, so the undo window is the test's to end.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = {
        "rapport.mail.poll-interval=300ms",
        "rapport.mail.initial-delay=0s",
        "rapport.mail.timeout=2s",
        "rapport.outbox.undo-window=1h",
        "rapport.outbox.check-interval=100ms",
        "rapport.outbox.initial-delay=0s",
        "rapport.outbox.first-retry=200ms",
        "rapport.outbox.max-retry=400ms",
        "rapport.outbox.max-attempts=3",
        "rapport.owner.password=faults-owner-secret"})
class SendingFaultsTest {

    static TestMailbox mailbox;
    static ScriptedSmtpServer smtp;

    @BeforeAll
    static void patience() {
        Awaitility.setDefaultTimeout(Duration.ofSeconds(20));
        Awaitility.setDefaultPollInterval(Duration.ofMillis(50));
    }

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) throws Exception {
        mailbox = new TestMailbox();
        smtp = new ScriptedSmtpServer();
        for (String p : mailbox.imapProperties()) {
            registry.add(p.substring(0, p.indexOf('=')), () -> p.substring(p.indexOf('=') + 1));
        }
        registry.add("rapport.mail.smtp.host", () -> "127.0.0.1");
        registry.add("rapport.mail.smtp.port", () -> smtp.port());
        registry.add("rapport.mail.smtp.security", () -> "NONE");
        registry.add("rapport.data-dir", () -> TestData.freshDirectory("faults"));
    }

    @AfterAll
    static void stop() throws Exception {
        smtp.close();
        mailbox.close();
    }

    @Autowired
    Outbox outbox;
    @Autowired
    Drafts drafts;
    @Autowired
    ReplySender sender;
    @Autowired
    SmtpDelivery delivery;
    @Autowired
    JdbcClient jdbc;

    @Test
    void aClosingServer421IsRetriedAndTheReplyLeavesOnceFiledInSentAndTheOriginalAnswered() throws Exception {
        String customer = "closing@customers.test";
        smtp.answerData(customer, "421 4.3.2 shutting down, try later", "250 2.0.0 OK queued as A1");
        Approved reply = approveReplyTo(customer);

        release(reply.outboxId());

        OutgoingReply sent = await().until(() -> outbox.find(reply.outboxId()).orElseThrow(),
                r -> r.state() == OutboxState.SENT && r.filing() == FilingState.FILED);
        assertThat(sent.attempts()).isEqualTo(2);
        assertThat(states(reply.outboxId())).containsSubsequence(OutboxState.QUEUED, OutboxState.SENDING,
                OutboxState.RETRYING, OutboxState.SENDING, OutboxState.SENT);
        assertThat(smtp.acceptedFor(customer)).hasSize(1);
        assertThat(mailbox.sentMessageIds()).containsOnlyOnce("<" + sent.messageId() + ">");
        assertThat(mailbox.inboxFlags(reply.originalId()).contains(Flags.Flag.ANSWERED)).isTrue();
        assertThat(mailbox.inboxFlags(reply.originalId()).contains(Flags.Flag.SEEN))
                .as("marking answered must not mark the message read").isFalse();
    }

    @Test
    void aGreylisting451IsRetriedWithBackoffUntilTheLimitThenFailsWithTheReason() throws Exception {
        String customer = "greylisted@customers.test";
        smtp.answerData(customer, "451 4.7.1 greylisted, come back later");
        Approved reply = approveReplyTo(customer);

        release(reply.outboxId());

        OutgoingReply failed = await().until(() -> outbox.find(reply.outboxId()).orElseThrow(),
                r -> r.state() == OutboxState.FAILED);
        assertThat(failed.attempts()).isEqualTo(3);
        assertThat(failed.lastError()).contains("gave up after 3 attempts").contains("451 4.7.1 greylisted");
        assertThat(states(reply.outboxId()).stream().filter(s -> s == OutboxState.RETRYING)).hasSize(2);
        assertThat(smtp.transactionsFor(customer)).hasSize(3);
        assertThat(smtp.acceptedFor(customer)).isEmpty();
    }

    @Test
    void anUnknownRecipient550StopsAtOnceWithTheServersReason() throws Exception {
        String customer = "nobody@customers.test";
        smtp.answerRcpt(customer, "550 5.1.1 no such mailbox here");
        Approved reply = approveReplyTo(customer);

        release(reply.outboxId());

        OutgoingReply failed = await().until(() -> outbox.find(reply.outboxId()).orElseThrow(),
                r -> r.state() == OutboxState.FAILED);
        assertThat(failed.attempts()).isEqualTo(1);
        assertThat(failed.lastError()).contains("refused").contains("550 5.1.1 no such mailbox here");
        assertThat(smtp.transactionsFor(customer)).isEmpty();

        // After fixing what was wrong, the owner can send the refused reply again: it never reached the customer.
        assertThat(sender.sendAgain(reply.outboxId())).isTrue();
        assertThat(outbox.find(reply.outboxId()).orElseThrow().state()).isEqualTo(OutboxState.QUEUED);
    }

    @Test
    void aPolicyRefusal571AfterTheDataStopsAtOnce() throws Exception {
        String customer = "policy@customers.test";
        smtp.answerData(customer, "554 5.7.1 message refused by policy");
        Approved reply = approveReplyTo(customer);

        release(reply.outboxId());

        OutgoingReply failed = await().until(() -> outbox.find(reply.outboxId()).orElseThrow(),
                r -> r.state() == OutboxState.FAILED);
        assertThat(failed.attempts()).isEqualTo(1);
        assertThat(failed.lastError()).contains("5.7.1 message refused by policy");
        assertThat(smtp.transactionsFor(customer)).hasSize(1);
        assertThat(smtp.acceptedFor(customer)).isEmpty();
    }

    @Test
    void aConnectionDroppedAfterTheDataIsOutcomeUnknownNeverResentAndTheOwnerDecides() throws Exception {
        String customer = "dropped@customers.test";
        smtp.answerData(customer, ScriptedSmtpServer.DROP, "250 2.0.0 OK queued as B2");
        Approved reply = approveReplyTo(customer);

        release(reply.outboxId());

        OutgoingReply unknown = await().until(() -> outbox.find(reply.outboxId()).orElseThrow(),
                r -> r.state() == OutboxState.UNKNOWN && r.lastError().contains("Sent folder"));
        assertThat(unknown.lastError()).contains("may have reached the customer").contains("Not found in the Sent folder");
        assertThat(unknown.needsDecision()).isTrue();
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4))
                .until(() -> smtp.transactionsFor(customer).size() == 1
                        && outbox.find(reply.outboxId()).orElseThrow().state() == OutboxState.UNKNOWN);
        assertThat(sender.undo(reply.outboxId())).as("an unknown outcome is not undone").isFalse();

        assertThat(sender.sendAgain(reply.outboxId())).isTrue();
        assertThat(sender.sendAgain(reply.outboxId())).as("a second click changes nothing").isFalse();

        OutgoingReply sent = await().until(() -> outbox.find(reply.outboxId()).orElseThrow(),
                r -> r.state() == OutboxState.SENT && r.filing() == FilingState.FILED);
        assertThat(smtp.transactionsFor(customer)).hasSize(2);
        assertThat(smtp.acceptedFor(customer)).singleElement()
                .satisfies(t -> assertThat(t.data()).contains("Message-ID: <" + sent.messageId() + ">"));
        assertThat(smtp.transactionsFor(customer).getFirst().data())
                .as("sent again with the same Message-ID").contains("Message-ID: <" + sent.messageId() + ">");
    }

    @Test
    void anUnknownOutcomeFoundInTheSentFolderIsSettledAsSentWithoutASecondCopy() throws Exception {
        String customer = "filed-by-provider@customers.test";
        smtp.answerData(customer, ScriptedSmtpServer.DROP);
        Approved reply = approveReplyTo(customer);
        String messageId = outbox.find(reply.outboxId()).orElseThrow().messageId();
        mailbox.fileInSent(messageId);

        release(reply.outboxId());

        OutgoingReply settled = await().until(() -> outbox.find(reply.outboxId()).orElseThrow(),
                r -> r.state() == OutboxState.SENT && r.filing() == FilingState.FILED);
        assertThat(states(reply.outboxId())).containsSubsequence(OutboxState.SENDING, OutboxState.UNKNOWN, OutboxState.SENT);
        assertThat(outbox.history(reply.outboxId())).anySatisfy(s -> assertThat(s.reason()).contains("found in the Sent folder"));
        assertThat(settled.attempts()).isEqualTo(1);
        assertThat(smtp.transactionsFor(customer)).hasSize(1);
        assertThat(mailbox.sentMessageIds()).containsOnlyOnce("<" + messageId + ">");
    }

    @Test
    void aServerSilentAfterTheDataTimesOutAsOutcomeUnknownAndMarkAsSentFilesIt() throws Exception {
        String customer = "silent@customers.test";
        smtp.answerData(customer, ScriptedSmtpServer.SILENT);
        Approved reply = approveReplyTo(customer);

        release(reply.outboxId());

        OutgoingReply unknown = await().until(() -> outbox.find(reply.outboxId()).orElseThrow(),
                r -> r.state() == OutboxState.UNKNOWN);
        assertThat(unknown.lastError()).contains("did not answer in time");
        assertThat(sender.markSent(reply.outboxId())).isTrue();

        OutgoingReply filed = await().until(() -> outbox.find(reply.outboxId()).orElseThrow(),
                r -> r.filing() == FilingState.FILED);
        assertThat(filed.state()).isEqualTo(OutboxState.SENT);
        assertThat(mailbox.sentMessageIds()).contains("<" + filed.messageId() + ">");
        assertThat(smtp.transactionsFor(customer)).hasSize(1);
    }

    @Test
    void aServerSilentBeforeTheDataTimesOutAndIsRetriedBecauseNothingWasHandedOver() throws Exception {
        String customer = "mute@customers.test";
        smtp.answerRcpt(customer, ScriptedSmtpServer.SILENT, "250 2.1.5 OK");
        Approved reply = approveReplyTo(customer);

        release(reply.outboxId());

        OutgoingReply sent = await().until(() -> outbox.find(reply.outboxId()).orElseThrow(),
                r -> r.state() == OutboxState.SENT);
        assertThat(states(reply.outboxId())).contains(OutboxState.RETRYING);
        assertThat(outbox.history(reply.outboxId())).anySatisfy(
                s -> assertThat(s.reason()).contains("did not answer in time"));
        assertThat(smtp.acceptedFor(customer)).hasSize(1);
        assertThat(sent.attempts()).isEqualTo(2);
    }

    @Test
    void aRefusedConnectionIsATemporaryFailure() throws Exception {
        int closed;
        try (var probe = new java.net.ServerSocket(0)) {
            closed = probe.getLocalPort();
        }
        var endpoint = new MailAccount.Endpoint("127.0.0.1", closed, MailAccount.Security.NONE, null, null, false);

        SmtpDelivery.Outcome outcome = delivery.deliver(endpoint, "Subject: x\r\n\r\nx\r\n".getBytes());

        assertThat(outcome.result()).isEqualTo(SmtpDelivery.Result.TEMPORARY);
        assertThat(outcome.reason()).contains("could not be reached");
    }

    @Test
    void whenOnlyFilingFailsOnlyFilingIsRetried() throws Exception {
        String customer = "filing@customers.test";
        Approved reply = approveReplyTo(customer);
        mailbox.deleteSentFolder();
        try {
            release(reply.outboxId());
            OutgoingReply waiting = await().until(() -> outbox.find(reply.outboxId()).orElseThrow(),
                    r -> r.filing() == FilingState.RETRYING);
            assertThat(waiting.state()).isEqualTo(OutboxState.SENT);
            assertThat(waiting.filingError()).contains("no Sent folder");
        } finally {
            mailbox.createSentFolder();
        }
        OutgoingReply filed = await().until(() -> outbox.find(reply.outboxId()).orElseThrow(),
                r -> r.filing() == FilingState.FILED);
        assertThat(filed.attempts()).isEqualTo(1);
        assertThat(smtp.transactionsFor(customer)).hasSize(1);
        assertThat(mailbox.sentMessageIds()).containsOnlyOnce("<" + filed.messageId() + ">");
    }

    @Test
    void undoRacingTheSenderEndsCancelledOrSentNeverBoth() throws Exception {
        List<String> customers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            customers.add("race" + i + "@customers.test");
        }
        List<Approved> replies = approveRepliesTo(customers);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> undos = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(10)) {
            for (Approved reply : replies) {
                undos.add(pool.submit(() -> {
                    start.await();
                    return sender.undo(reply.outboxId());
                }));
            }
            for (int i = 0; i < 2; i++) {
                pool.submit(() -> {
                    start.await();
                    sender.sendDue();
                    return null;
                });
            }
            for (Approved reply : replies) {
                release(reply.outboxId());
            }
            start.countDown();
        }

        for (int i = 0; i < replies.size(); i++) {
            long id = replies.get(i).outboxId();
            OutgoingReply end = await().until(() -> outbox.find(id).orElseThrow(), r -> !r.state().pending());
            boolean undone = undos.get(i).get();
            assertThat(end.state()).isIn(OutboxState.CANCELLED, OutboxState.SENT);
            assertThat(undone).isEqualTo(end.state() == OutboxState.CANCELLED);
            assertThat(smtp.transactionsFor(customers.get(i))).hasSize(end.state() == OutboxState.SENT ? 1 : 0);
            assertThat(states(id)).as("never both").doesNotContain(
                    end.state() == OutboxState.SENT ? OutboxState.CANCELLED : OutboxState.SENDING);
        }
    }

    record Approved(long outboxId, String originalId) {
    }

    private Approved approveReplyTo(String customer) throws Exception {
        return approveRepliesTo(List.of(customer)).getFirst();
    }

    /** Customers write in, Rapport drafts replies, the owner approves each (twice, as a double click would). */
    private List<Approved> approveRepliesTo(List<String> customers) throws Exception {
        List<String> messageIds = new ArrayList<>();
        for (String customer : customers) {
            String messageId = UUID.randomUUID() + "@customers.test";
            Mails.send(mailbox.smtpPort(), customer, "A Customer", TestMailbox.SHOP, "A question about boots",
                    "Hello, could you tell me whether the boots come in size 41? Thank you!", messageId, null);
            messageIds.add(messageId);
        }
        List<Approved> approved = new ArrayList<>();
        for (int i = 0; i < customers.size(); i++) {
            String customer = customers.get(i);
            long draft = await().until(() -> jdbc.sql("select id from drafts where to_address = ?").param(customer)
                    .query(Long.class).optional(), java.util.Optional::isPresent).orElseThrow();
            assertThat(drafts.approve(draft, null, null)).isTrue();
            assertThat(drafts.approve(draft, null, null)).isFalse();
            approved.add(new Approved(outbox.forDraft(draft).orElseThrow().id(), messageIds.get(i)));
        }
        return approved;
    }

    /** Ends the undo window now. */
    private void release(long outboxId) {
        jdbc.sql("update outbox set send_after = ? where id = ? and state = 'QUEUED'")
                .params(Timestamp.from(Instant.now().minusSeconds(1)), outboxId).update();
    }

    private List<OutboxState> states(long outboxId) {
        return outbox.history(outboxId).stream().map(Outbox.Step::state).toList();
    }
}
