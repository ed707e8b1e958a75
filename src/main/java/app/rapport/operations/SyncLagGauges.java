package app.rapport.operations;

import java.time.Clock;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.event.EventListener;

import app.rapport.mailbox.MailAccounts;
import app.rapport.mailbox.MailboxPoller;

/** Keeps one {@code rapport.mailbox.sync.lag} gauge per mailbox as mailboxes are saved in or removed from Settings. */
final class SyncLagGauges {

    private final MeterRegistry registry;
    private final MailboxPoller poller;
    private final Clock clock;

    SyncLagGauges(MeterRegistry registry, MailboxPoller poller, Clock clock) {
        this.registry = registry;
        this.poller = poller;
        this.clock = clock;
    }

    @EventListener
    void accountChanged(MailAccounts.MailAccountChanged change) {
        if (change.account() != null) {
            Monitoring.syncLag(registry, poller, change.name(), clock);
        } else {
            Gauge gauge = registry.find("rapport.mailbox.sync.lag").tag("account", change.name()).gauge();
            if (gauge != null) {
                registry.remove(gauge);
            }
        }
    }
}
