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

    private List<MessageIndex.Entry> batch(int size) {
        List<MessageIndex.Entry> entries = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            long id = nextId++;
            entries.add(new MessageIndex.Entry(id, id, null, "ann@example.com", "Ann", List.of("shop@example.com"),
                    "Order " + id, "Where is my order " + id + "?", Instant.parse("2026-01-01T00:00:00Z")));
        }
        return entries;
    }
}
