package app.rapport.recall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import app.rapport.DataDirectory;

class IndexFeedTest {

    @TempDir
    Path data;

    private MessageIndex index;
    private long nextId = 1;

    @BeforeEach
    void openIndex() {
        index = new MessageIndex(new DataDirectory(data.toString()));
    }

    @AfterEach
    void closeIndex() {
        index.close();
    }

    @Test
    void theFirstBatchIsSearchableBeforeTheFeedIsClosed() {
        IndexFeed feed = index.feed("test-index", nanos -> { });
        feed.add(batch(10));

        await().atMost(Duration.ofSeconds(10)).until(() -> index.size() == 10);
        feed.close();
        assertThat(index.size()).isEqualTo(10);
    }

    @Test
    void whenTheTotalIsKnownWhatCameByHalfAndBeforeTheLastEighthIsWrittenOutBeforeTheEnd() {
        IndexFeed feed = index.feed("test-index", nanos -> { });
        feed.expect(80);
        for (int i = 0; i < 5; i++) {
            feed.add(batch(10));
        }
        // well within the five seconds after which the feed would write out anyway
        await().atMost(Duration.ofSeconds(3)).until(() -> index.size() == 40);
        feed.add(batch(10));
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(3)).until(() -> index.size() == 40);
        feed.add(batch(10));

        await().atMost(Duration.ofSeconds(3)).until(() -> index.size() == 70);
        feed.add(batch(10));
        feed.close();
        assertThat(index.size()).isEqualTo(80);
    }

    @Test
    void withoutAKnownTotalTheMessagesAfterTheFirstBatchWaitForTheTimeOrTheEnd() {
        IndexFeed feed = index.feed("test-index", nanos -> { });
        for (int i = 0; i < 7; i++) {
            feed.add(batch(10));
        }
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(3)).until(() -> index.size() == 10);

        feed.close();
        assertThat(index.size()).isEqualTo(70);
    }

    @Test
    void aReplyWhoseParentComesLaterWaitsForItAndIsThenIndexedWithoutItsQuotedLines() {
        IndexFeed feed = index.feed("test-index", nanos -> { });
        MessageIndex.Entry reply = entry("Yes, size 42 please.\n> Which size do you wear, Greta?\n");
        MessageIndex.Entry parent = entry("Which size do you wear, Greta?");

        feed.addBatch(List.of(new IndexFeed.Item(reply, "reply@shop", "parent@shop")));
        feed.addBatch(batchItems(3));
        // the reply is held back until its parent comes
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(3)).until(() -> index.size() == 3);

        feed.addBatch(List.of(new IndexFeed.Item(parent, "parent@shop", null)));
        feed.close();

        assertThat(index.size()).isEqualTo(5);
        assertThat(matching("greta")).containsExactly(parent.messageId());
        assertThat(matching("42")).containsExactly(reply.messageId());
    }

    @Test
    void aReplyWhoseParentNeverComesIsIndexedWithItsQuotesAtTheEnd() {
        IndexFeed feed = index.feed("test-index", nanos -> { });
        MessageIndex.Entry reply = entry("Yes, size 42 please.\n> Which size do you wear, Greta?\n");

        feed.addBatch(List.of(new IndexFeed.Item(reply, "reply@shop", "never-stored@shop")));
        feed.close();

        assertThat(matching("greta")).containsExactly(reply.messageId());
        assertThat(matching("42")).containsExactly(reply.messageId());
    }

    @Test
    void aReplyWhoseParentIsStoredAlreadyIsIndexedAtOnceWithoutItsQuotes() {
        IndexFeed feed = index.feed("test-index", nanos -> { });
        MessageIndex.Entry reply = entry("Yes, size 42 please.\n> Which size do you wear, Greta?\n")
                .withParentStored();

        feed.addBatch(List.of(new IndexFeed.Item(reply, "reply@shop", null)));
        await().atMost(Duration.ofSeconds(3)).until(() -> index.size() == 1);
        feed.close();

        assertThat(matching("greta")).isEmpty();
        assertThat(matching("42")).containsExactly(reply.messageId());
    }

    @Test
    void beyondTheLimitTheRepliesWaitingLongestAreIndexedWhole() {
        IndexFeed feed = index.feed("test-index", nanos -> { });
        List<IndexFeed.Item> waiting = new ArrayList<>();
        for (int i = 0; i <= IndexFeed.MAX_AWAITING; i++) {
            MessageIndex.Entry reply = entry("Reply " + i + "\n> quoted words\n");
            waiting.add(new IndexFeed.Item(reply, "reply" + i + "@shop", "parent" + i + "@shop"));
        }
        feed.addBatch(waiting);

        // one over the limit: the first to wait goes in with its quotes, the others still wait
        await().atMost(Duration.ofSeconds(10)).until(() -> index.size() == 1);
        assertThat(matching("quoted")).containsExactly(waiting.getFirst().entry().messageId());
        feed.close();
        assertThat(index.size()).isEqualTo(IndexFeed.MAX_AWAITING + 1L);
    }

    private List<Long> matching(String word) {
        var query = new org.apache.lucene.search.TermQuery(new org.apache.lucene.index.Term(MessageIndex.BODY, word));
        return index.search(word, query, 100, false, (ids, max) -> java.util.Map.of()).hits().stream()
                .map(SearchHit::messageId).toList();
    }

    private MessageIndex.Entry entry(String body) {
        long id = nextId++;
        return new MessageIndex.Entry(id, id, null, "greta@example.com", "Greta", List.of("shop@example.com"),
                "Brogues " + id, body, Instant.parse("2026-01-01T00:00:00Z"), false);
    }

    private List<IndexFeed.Item> batchItems(int size) {
        return batch(size).stream().map(e -> new IndexFeed.Item(e, "m" + e.messageId() + "@shop", null)).toList();
    }

    private List<MessageIndex.Entry> batch(int size) {
        List<MessageIndex.Entry> entries = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            long id = nextId++;
            entries.add(new MessageIndex.Entry(id, id, null, "ann@example.com", "Ann", List.of("shop@example.com"),
                    "Order " + id, "Where is my order " + id + "?", Instant.parse("2026-01-01T00:00:00Z"), false));
        }
        return entries;
    }
}
