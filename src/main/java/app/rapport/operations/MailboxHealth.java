package app.rapport.operations;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

import app.rapport.mailbox.MailAccount;
import app.rapport.mailbox.MailboxPoller;

/**
 * One mailbox's health, from its poller status: UP after a successful poll, DOWN with the reason in plain words
 * when the last poll failed, UNKNOWN before the first poll has finished.
 */
final class MailboxHealth implements HealthIndicator {

    private final MailAccount account;
    private final Supplier<List<MailboxPoller.AccountStatus>> statuses;
    private final Clock clock;

    MailboxHealth(MailAccount account, Supplier<List<MailboxPoller.AccountStatus>> statuses, Clock clock) {
        this.account = account;
        this.statuses = statuses;
        this.clock = clock;
    }

    @Override
    public Health health() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("address", account.address());
        details.put("server", account.imap().host() + ":" + account.imap().port());
        Optional<MailboxPoller.AccountStatus> status = statuses.get().stream()
                .filter(s -> s.account().equals(account.name())).findFirst();
        if (status.isEmpty()) {
            return Health.unknown().withDetails(details).withDetail("reason", "not polled yet").build();
        }
        MailboxPoller.AccountStatus s = status.get();
        details.put("lastAttempt", s.lastAttempt());
        if (s.lastSuccess() != null) {
            details.put("lastSuccess", s.lastSuccess());
            details.put("secondsSinceLastSuccess", Duration.between(s.lastSuccess(), Instant.now(clock)).toSeconds());
        }
        if (s.lastError() != null) {
            return Health.down().withDetails(details).withDetail("reason", s.lastError()).build();
        }
        return Health.up().withDetails(details).withDetail("lastFetched", s.lastFetched()).build();
    }
}
