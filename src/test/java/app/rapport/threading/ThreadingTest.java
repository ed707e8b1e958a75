package app.rapport.threading;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import app.rapport.mailbox.MessageIngest;
import app.rapport.support.LoopTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ThreadingTest extends LoopTest {

    @Autowired
    MessageIngest ingest;

    @Autowired
    Conversations conversations;

    @Autowired
    BulkThreading bulk;

    @Autowired
    org.springframework.transaction.support.TransactionTemplate tx;

    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    @Test
    void threadsAThreeMessageChainIntoOneConversation() {
        long first = store("chain-a@x", null, null, "Resoling", "Can you resole my boots?");
        long second = store("chain-b@x", "chain-a@x", "<chain-a@x>", "Re: Resoling", "Yes, send them in.");
        long third = store("chain-c@x", "chain-b@x", "<chain-a@x> <chain-b@x>", "Re: Resoling", "They are on their way.");

        long conversation = conversationOf(first);
        assertThat(conversationOf(second)).isEqualTo(conversation);
        assertThat(conversationOf(third)).isEqualTo(conversation);
        assertThat(conversations.expect(conversation).messageCount()).isEqualTo(3);
        assertThat(conversations.expect(conversation).subject()).isEqualTo("Resoling");
    }

    @Test
    void aReplyWhoseParentIsMissingStartsItsOwnConversationAndJoinsTheParentWhenItArrives() {
        long reply = store("orphan-b@x", "orphan-a@x", "<orphan-a@x>", "Re: Laces", "Red ones, please.");
        long alone = conversationOf(reply);
        assertThat(conversations.messageIds(alone)).containsExactly(reply);

        long parent = store("orphan-a@x", null, null, "Laces", "Which laces would you like?");

        await().until(() -> conversations.conversationOf(reply).equals(conversations.conversationOf(parent)));
        long merged = conversationOf(parent);
        assertThat(conversations.messageIds(merged)).containsExactlyInAnyOrder(parent, reply);
        assertThat(conversations.expect(merged).subject()).isEqualTo("Laces");
    }

    @Test
    void selfReferencingAndCyclicReferencesTerminate() {
        long self = store("loop-a@x", "loop-a@x", "<loop-a@x>", "Loop", "I reference myself.");
        long cycleB = store("loop-b@x", "loop-c@x", "<loop-c@x>", "Re: Loop", "B says C is my parent.");
        long cycleC = store("loop-c@x", "loop-b@x", "<loop-b@x>", "Re: Loop", "C says B is my parent.");

        assertThat(conversationOf(self)).isPositive();
        await().until(() -> conversations.conversationOf(cycleB).equals(conversations.conversationOf(cycleC)));
    }

    @Test
    void unrelatedMessagesWithTheSameSubjectStayApart() {
        long a = store("same-a@x", null, null, "Question", "From one customer.");
        long b = store("same-b@x", null, null, "Question", "From another customer.");

        assertThat(conversationOf(a)).isNotEqualTo(conversationOf(b));
    }

    @Test
    void repliesOfTwoCustomersToTheShopsNewsletterBecomeTwoConversations() {
        String newsletter = "From: Lindgren Shoes <news@newsletter-test.example>\r\nTo: customers@newsletter-test.example\r\n"
                + "Subject: Autumn boots\r\nList-Unsubscribe: <mailto:u@newsletter-test.example>\r\n"
                + "Message-ID: <autumn-news@newsletter-test.example>\r\nDate: Mon, 2 Nov 2026 09:00:00 +0000\r\n\r\nNew colours.\r\n";
        long news = ingest.store(newsletter.getBytes(StandardCharsets.UTF_8), new MessageIngest.Origin("test", "INBOX", null))
                .orElseThrow();
        long anna = store("news-reply-anna@x", "autumn-news@newsletter-test.example", "<autumn-news@newsletter-test.example>",
                "Re: Autumn boots", "Do they come in green?");
        long tom = store("news-reply-tom@x", "autumn-news@newsletter-test.example", "<autumn-news@newsletter-test.example>",
                "Re: Autumn boots", "Unsubscribe me, please.");

        assertThat(conversationOf(anna)).isNotEqualTo(conversationOf(tom));
        assertThat(conversationOf(anna)).isNotEqualTo(conversationOf(news));
    }

    @Test
    void aMessageWithoutHeadersJoinsTheSameCustomersRecentConversationBySubject() {
        String mail = "From: Ida <ida@subject-test.example>\r\nTo: " + SHOP + "\r\nSubject: %s\r\n"
                + "Date: Mon, 2 Nov 2026 1%d:00:00 +0000\r\nMessage-ID: <%s@subject-test.example>\r\n\r\n%s\r\n";
        long first = ingest.store(mail.formatted("Order 5521", 0, "first", "Where is my order?").getBytes(StandardCharsets.UTF_8),
                new MessageIngest.Origin("test", "INBOX", null)).orElseThrow();
        conversationOf(first);
        long again = ingest.store(mail.formatted("Re: Order 5521", 2, "again", "Any news?").getBytes(StandardCharsets.UTF_8),
                new MessageIngest.Origin("test", "INBOX", null)).orElseThrow();

        assertThat(conversationOf(again)).isEqualTo(conversationOf(first));
    }

    @Test
    void historyStoredInBulkJoinsTheConversationOfALiveReplyThreadedWhileTheRunWasOpen() {
        try (BulkThreading.ImportRun run = bulk.open()) {
            long reply = store("race-reply@x", "race-question@x", "<race-question@x>", "Re: Cedar shoe trees",
                    "Still interested in the cedar shoe trees.");
            long live = conversationOf(reply);

            long question = storeHistory(run, "race-question@x", "Cedar shoe trees", "Do you sell cedar shoe trees?");

            assertThat(conversationOf(question)).isEqualTo(live);
            assertThat(conversations.messageIds(live)).containsExactlyInAnyOrder(question, reply);
        }
    }

    @Test
    void aLiveReplyThreadedApartWhileItsQuestionWasBeingStoredInBulkIsJoinedWithTheNextBatch() throws Exception {
        try (BulkThreading.ImportRun run = bulk.open()) {
            long[] reply = new long[1];
            long question = tx.execute(status -> {
                long q = storeHistoryInCallersTransaction(run, "split-question@x", "Horn shoe horns",
                        "Do you have horn shoe horns?");
                // Meanwhile the reply arrives and is threaded live; the question is not committed yet, so the
                // reply starts a conversation of its own.
                Thread arriving = Thread.ofPlatform().start(() -> {
                    reply[0] = store("split-reply@x", "split-question@x", "<split-question@x>", "Re: Horn shoe horns",
                            "And a long one, please.");
                    conversationOf(reply[0]);
                });
                try {
                    arriving.join();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                return q;
            });
            assertThat(conversationOf(reply[0])).as("apart at first").isNotEqualTo(conversationOf(question));

            storeHistory(run, "split-other@x", "Polish", "Which polish for suede?");

            assertThat(conversationOf(reply[0])).isEqualTo(conversationOf(question));
            long merged = conversationOf(question);
            assertThat(conversations.messageIds(merged)).containsExactlyInAnyOrder(question, reply[0]);
            // The reply's draft, if one was written, moves along with it.
            await().untilAsserted(() -> assertThat(jdbc.sql("""
                    select count(*) from drafts where reply_to = ? and conversation <> ?""")
                    .params(reply[0], merged).query(Long.class).single()).isZero());
        }
    }

    private long storeHistory(BulkThreading.ImportRun run, String id, String subject, String body) {
        return tx.execute(status -> storeHistoryInCallersTransaction(run, id, subject, body));
    }

    /** Stores a message the way history is stored (no events, threaded by the run), in the caller's transaction. */
    private long storeHistoryInCallersTransaction(BulkThreading.ImportRun run, String id, String subject, String body) {
        String mail = "From: Test Customer <" + id.replace("@x", "") + "@customers.example>\r\nTo: " + SHOP
                + "\r\nSubject: " + subject + "\r\nDate: Mon, 2 Mar 2026 10:00:00 +0000\r\nMessage-ID: <" + id
                + ">\r\n\r\n" + body + "\r\n";
        MessageIngest.Prepared prepared = ingest.prepare(mail.getBytes(StandardCharsets.UTF_8),
                new MessageIngest.Origin("test", "INBOX", null));
        long stored = ingest.storeBatch(java.util.List.of(prepared)).stored().getFirst().id();
        run.thread(java.util.List.of(new BulkThreading.Message(stored, id, java.util.List.of(), subject,
                java.time.Instant.parse("2026-03-02T10:00:00Z"), id.replace("@x", "") + "@customers.example", false)));
        return stored;
    }

    private long store(String id, String inReplyTo, String references, String subject, String body) {
        StringBuilder mail = new StringBuilder()
                .append("From: Test Customer <").append(id.replace("@x", "")).append("@customers.example>\r\n")
                .append("To: ").append(SHOP).append("\r\n")
                .append("Subject: ").append(subject).append("\r\n")
                .append("Date: Mon, 2 Nov 2026 10:00:00 +0000\r\n")
                .append("Message-ID: <").append(id).append(">\r\n");
        if (inReplyTo != null) {
            mail.append("In-Reply-To: <").append(inReplyTo).append(">\r\n");
        }
        if (references != null) {
            mail.append("References: ").append(references).append("\r\n");
        }
        mail.append("\r\n").append(body).append("\r\n");
        return ingest.store(mail.toString().getBytes(StandardCharsets.UTF_8), new MessageIngest.Origin("test", "INBOX", null))
                .orElseThrow();
    }

    private long conversationOf(long message) {
        return await().until(() -> conversations.conversationOf(message), java.util.Optional::isPresent).orElseThrow();
    }
}
