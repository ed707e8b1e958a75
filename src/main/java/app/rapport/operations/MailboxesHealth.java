package app.rapport.operations;

import java.time.Clock;
import java.util.stream.Stream;

import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthContributor;

import app.rapport.mailbox.MailAccounts;
import app.rapport.mailbox.MailboxPoller;

/**
 * The health component "mailboxes": one entry per mailbox Rapport reads now, looked up at every request, so a
 * mailbox saved in the settings page appears at once and a removed one disappears.
 */
final class MailboxesHealth implements CompositeHealthContributor {

    private final MailAccounts accounts;
    private final MailboxPoller poller;
    private final Clock clock;

    MailboxesHealth(MailAccounts accounts, MailboxPoller poller, Clock clock) {
        this.accounts = accounts;
        this.poller = poller;
        this.clock = clock;
    }

    @Override
    public HealthContributor getContributor(String name) {
        return accounts.find(name).map(a -> (HealthContributor) new MailboxHealth(a, poller::status, clock))
                .orElse(null);
    }

    @Override
    public Stream<Entry> stream() {
        return accounts.all().stream().map(a -> new Entry(a.name(), new MailboxHealth(a, poller::status, clock)));
    }
}
