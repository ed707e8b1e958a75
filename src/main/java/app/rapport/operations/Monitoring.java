package app.rapport.operations;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import app.rapport.drafting.Drafts;
import app.rapport.mailbox.MailAccount;
import app.rapport.mailbox.MailAccounts;
import app.rapport.mailbox.MailboxPoller;
import app.rapport.mailbox.Messages;
import app.rapport.outbox.Outbox;
import app.rapport.outbox.OutboxState;

/**
 * Health contributors and metrics. Metrics are read from the store when they are scraped (not counted in
 * memory), so they are right after a restart and cost nothing between scrapes. Only the server has them: a
 * command ({@code sync --once}, an import) is watched by its exit status and its output.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class Monitoring {

    private static final List<OutboxState> WAITING_TO_LEAVE = List.of(OutboxState.QUEUED, OutboxState.SENDING,
            OutboxState.RETRYING);

    /** {@code /actuator/health} component "mailboxes", with one entry per mailbox read now. */
    @Bean
    CompositeHealthContributor mailboxesHealthContributor(MailAccounts accounts, MailboxPoller poller, Clock clock) {
        return new MailboxesHealth(accounts, poller, clock);
    }

    @Bean
    MetricsBinder rapportMetrics(MeterRegistry registry, MailAccounts accounts, MailboxPoller poller,
                                 Messages messages, Drafts drafts, Outbox outbox, Clock clock) {
        FunctionCounter.builder("rapport.messages.ingested", messages, Messages::count)
                .description("messages stored (fetched from the mailbox, or sent by Rapport)").register(registry);
        for (MailAccount account : accounts.all()) {
            syncLag(registry, poller, account.name(), clock);
        }
        Gauge.builder("rapport.drafts.waiting", drafts, Drafts::countOpen)
                .description("drafts waiting for the owner").register(registry);
        Gauge.builder("rapport.outbox.failed", outbox, o -> o.countInStates(List.of(OutboxState.FAILED)))
                .description("replies the mail server refused for good, or that ran out of retries").register(registry);
        Gauge.builder("rapport.outbox.waiting", outbox, o -> o.countInStates(WAITING_TO_LEAVE))
                .description("approved replies not sent yet").register(registry);
        Gauge.builder("rapport.outbox.age", outbox, o -> oldestWaitingSeconds(o, clock)).baseUnit("seconds")
                .description("how long the oldest approved, unsent reply has waited (0 when none)").register(registry);
        return new MetricsBinder();
    }

    /** Marks that the metrics are registered (a bean, so the registrations happen once, at start). */
    record MetricsBinder() {
    }

    static Gauge syncLag(MeterRegistry registry, MailboxPoller poller, String account, Clock clock) {
        return Gauge.builder("rapport.mailbox.sync.lag", poller, p -> lagSeconds(p, account, clock))
                .tag("account", account).baseUnit("seconds")
                .description("time since the mailbox was last read successfully (NaN before the first success)")
                .register(registry);
    }

    /** A mailbox saved or removed in the settings page gets or loses its sync-lag gauge at once. */
    @Bean
    SyncLagGauges syncLagGauges(MeterRegistry registry, MailboxPoller poller, Clock clock) {
        return new SyncLagGauges(registry, poller, clock);
    }

    static double lagSeconds(MailboxPoller poller, String account, Clock clock) {
        return poller.lastChecks().stream().filter(s -> s.account().equals(account) && s.lastSuccess() != null)
                .findFirst().map(s -> (double) Duration.between(s.lastSuccess(), Instant.now(clock)).toMillis() / 1000)
                .orElse(Double.NaN);
    }

    static double oldestWaitingSeconds(Outbox outbox, Clock clock) {
        long waiting = outbox.countInStates(WAITING_TO_LEAVE);
        if (waiting == 0) {
            return 0;
        }
        // inStates lists newest first: the last one is the oldest
        return outbox.inStates(WAITING_TO_LEAVE, (int) waiting - 1, 1).stream().findFirst()
                .map(r -> (double) Duration.between(r.createdAt(), Instant.now(clock)).toMillis() / 1000).orElse(0.0);
    }
}
