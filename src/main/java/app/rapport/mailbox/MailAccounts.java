package app.rapport.mailbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Every mailbox Rapport reads, as it is right now: the ones configured at start ({@code rapport.mail.*},
 * {@code rapport.accounts[…]}, the demo) and the one entered in the settings page. Saving or removing that one
 * takes effect at once: the poller reads the current list on each round and the IDLE watcher follows changes.
 */
@Component
public class MailAccounts {

    private static final Logger log = LoggerFactory.getLogger(MailAccounts.class);

    private final List<MailAccount> configured;
    private final StoredAccounts stored;
    private final ApplicationEventPublisher events;
    private final Map<String, MailAccount> freshStarts = new ConcurrentHashMap<>();
    private volatile Snapshot current;

    /** The accounts and their addresses, replaced together: every message asks for the addresses. */
    private record Snapshot(List<MailAccount> accounts, Set<String> addresses) {

        static Snapshot of(List<MailAccount> accounts) {
            return new Snapshot(accounts,
                    accounts.stream().map(MailAccount::address).collect(Collectors.toUnmodifiableSet()));
        }
    }

    MailAccounts(List<MailAccount> configured, StoredAccounts stored, ApplicationEventPublisher events) {
        this.configured = List.copyOf(configured);
        this.stored = stored;
        this.events = events;
        this.current = Snapshot.of(load());
    }

    /** The configured accounts first, then the stored ones. */
    public List<MailAccount> all() {
        return current.accounts();
    }

    /** The shop's own addresses: mail from them is the owner's, never a customer's. */
    public Set<String> addresses() {
        return current.addresses();
    }

    /** The account replies are sent through: the first configured one, else the one saved in Settings. */
    public MailAccount sending() {
        List<MailAccount> all = current.accounts();
        if (all.isEmpty()) {
            throw new IllegalStateException("no mailbox is configured to send replies through; enter one under"
                    + " Settings");
        }
        return all.getFirst();
    }

    public Optional<MailAccount> find(String name) {
        return current.accounts().stream().filter(a -> a.name().equals(name)).findFirst();
    }

    /** Stores the account (its passwords sealed) and starts reading it, or reading it anew, at once. */
    public void save(MailAccount account) {
        if (configured.stream().anyMatch(a -> a.name().equals(account.name()))) {
            throw new IllegalArgumentException("the account name '" + account.name() + "' is taken by a configured"
                    + " account");
        }
        Optional<MailAccount> before = find(account.name());
        stored.save(account);
        if (before.isEmpty() || !sameMailbox(before.get().imap(), account.imap())) {
            // Another mailbox under this name: the UIDs read before mean nothing there, even where UIDVALIDITY
            // happens to match. Marked before the new settings are visible, so no sync reads it with the old mark.
            freshStarts.put(account.name(), account);
        }
        changed(account.name());
    }

    /** Stops reading a stored account and forgets its settings; what was read from it stays. */
    public boolean remove(String name) {
        boolean removed = stored.delete(name);
        if (removed) {
            changed(name);
        }
        return removed;
    }

    /**
     * True once, for the account as saved, after it was saved as another mailbox: its folders are to be read from
     * the start. A sync still holding the earlier settings gets false, so it cannot use up the mark.
     */
    boolean takeFreshStart(MailAccount account) {
        MailAccount saved = freshStarts.get(account.name());
        return saved != null && sameMailbox(saved.imap(), account.imap())
                && freshStarts.remove(account.name(), saved);
    }

    private static boolean sameMailbox(MailAccount.Endpoint a, MailAccount.Endpoint b) {
        return a.host().equalsIgnoreCase(b.host()) && a.port() == b.port() && Objects.equals(a.user(), b.user());
    }

    private synchronized void changed(String name) {
        current = Snapshot.of(load());
        events.publishEvent(new MailAccountChanged(name, find(name).orElse(null)));
    }

    private List<MailAccount> load() {
        List<MailAccount> all = new ArrayList<>(configured);
        try {
            for (MailAccount a : stored.all()) {
                if (all.stream().noneMatch(c -> c.name().equals(a.name()))) {
                    all.add(a);
                }
            }
        } catch (RuntimeException e) {
            // A key that no longer opens the stored passwords must not stop the configured mailboxes.
            log.warn("The mailbox saved in Settings cannot be read ({}); enter it again under Settings",
                    e.getMessage());
        }
        return List.copyOf(all);
    }

    /** A stored account was saved ({@code account} set) or removed ({@code account} null). */
    public record MailAccountChanged(String name, MailAccount account) {
    }
}
