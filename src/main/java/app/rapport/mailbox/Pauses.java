package app.rapport.mailbox;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

import org.springframework.stereotype.Component;

/** Pauses between attempts: exponential, capped, with jitter so many clients never retry in step. */
@Component
class Pauses {

    /** The pause before attempt {@code failures + 1}: base·2^(failures−1), at most max, then 50–100 % of that. */
    Duration backoff(int failures, Duration base, Duration max) {
        long exponential = base.toMillis() << Math.min(20, Math.max(0, failures - 1));
        long capped = Math.min(max.toMillis(), exponential);
        long jittered = capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1);
        return Duration.ofMillis(jittered);
    }

    void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to reconnect", e);
        }
    }
}
