package app.rapport.outbox;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Sending ({@code rapport.outbox.*}).
 *
 * @param undoWindow  how long an approved reply waits so the owner can still undo it
 * @param maxAttempts how often a temporary failure is retried before the reply is marked failed
 */
@ConfigurationProperties("rapport.outbox")
public record OutboxSettings(@DefaultValue("10s") Duration undoWindow,
                             @DefaultValue("8") int maxAttempts,
                             @DefaultValue("30s") Duration firstRetry) {
}
