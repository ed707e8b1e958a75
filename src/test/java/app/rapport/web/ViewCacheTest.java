package app.rapport.web;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Kept views: reused while the data is unchanged, never served once it changed. */
class ViewCacheTest {

    private final DataVersion version = new DataVersion();
    private final ViewCache<String, String> views = new ViewCache<>(version, 10);
    private final AtomicInteger builds = new AtomicInteger();

    private String build(String what) {
        return what + " #" + builds.incrementAndGet();
    }

    @Test
    void aViewIsBuiltOnceWhileTheDataIsUnchanged() {
        assertThat(views.get("inbox", () -> build("inbox"))).isEqualTo("inbox #1");
        assertThat(views.get("inbox", () -> build("inbox"))).isEqualTo("inbox #1");
        assertThat(views.get("other", () -> build("other"))).isEqualTo("other #2");
    }

    @Test
    void aViewIsBuiltAgainAfterAChange() {
        views.get("inbox", () -> build("inbox"));
        version.changed();
        assertThat(views.get("inbox", () -> build("inbox"))).isEqualTo("inbox #2");
    }

    @Test
    void aViewReadBeforeAChangeIsNeverServedAfterIt() {
        long taken = version.current();
        version.changed();
        // Built from data read after the version was taken, but filed under the older version it started from.
        assertThat(views.get("inbox", taken, () -> build("inbox"))).isEqualTo("inbox #1");
        assertThat(views.get("inbox", () -> build("inbox"))).isEqualTo("inbox #2");
    }

    @Test
    void aViewIsBuiltAgainAfterFiveSecondsEvenWithoutAChangeSeenHere() {
        java.util.concurrent.atomic.AtomicLong now = new java.util.concurrent.atomic.AtomicLong();
        ViewCache<String, String> timed = new ViewCache<>(version, 10, now::get);
        assertThat(timed.get("inbox", () -> build("inbox"))).isEqualTo("inbox #1");
        now.addAndGet(java.time.Duration.ofMillis(4_900).toNanos());
        assertThat(timed.get("inbox", () -> build("inbox"))).isEqualTo("inbox #1");
        now.addAndGet(java.time.Duration.ofMillis(200).toNanos());
        assertThat(timed.get("inbox", () -> build("inbox"))).isEqualTo("inbox #2");
    }

    @Test
    void aFailedBuildIsNotKept() {
        assertThatThrownBy(() -> views.get("inbox", () -> {
            throw new IllegalArgumentException("no such conversation");
        })).isInstanceOf(IllegalArgumentException.class);
        assertThat(views.get("inbox", () -> build("inbox"))).isEqualTo("inbox #1");
    }

    @Test
    void oldViewsMakeRoomWhenTheCacheIsFull() {
        for (int i = 0; i < 10; i++) {
            String key = "page " + i;
            views.get(key, () -> build(key));
        }
        version.changed();
        assertThat(views.get("page 0", () -> build("page 0"))).isEqualTo("page 0 #11");
        assertThat(views.get("page 11", () -> build("page 11"))).isEqualTo("page 11 #12");
        assertThat(views.get("page 0", () -> build("page 0"))).isEqualTo("page 0 #11");
    }
}
