package app.rapport.outbox;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Sending ({@code rapport.outbox.*}).
 *
 * @param undoWindow  how long an approved reply waits so the owner can still undo it
 * @param maxAttempts how often a temporary failure (of sending, or of filing the copy) is tried before giving up
 * @param firstRetry  the wait before the first retry; each further retry waits twice as long, plus up to a fifth
 * @param maxRetry    the longest wait between two attempts
 * @param sentCopy    append a copy of each sent reply to the Sent folder; off for providers that file sent mail
 *                    themselves (Gmail, for one), so it is not there twice
 * @param replyTo     an address for the Reply-To header, when answers should go elsewhere than the From address
 */
@ConfigurationProperties("rapport.outbox")
public record OutboxSettings(@DefaultValue("10s") Duration undoWindow,
                             @DefaultValue("8") int maxAttempts,
                             @DefaultValue("30s") Duration firstRetry,
                             @DefaultValue("1h") Duration maxRetry,
                             @DefaultValue("true") boolean sentCopy,
                             String replyTo) {

    /** The wait before attempt {@code attempt + 1}: exponential, capped, with jitter so retries do not bunch. */
    Duration backoff(int attempt, double random) {
        Duration wait = firstRetry.multipliedBy(1L << Math.min(Math.max(attempt - 1, 0), 20));
        if (wait.compareTo(maxRetry) > 0) {
            wait = maxRetry;
        }
        return wait.plusMillis((long) (wait.toMillis() * 0.2 * random));
    }
}
