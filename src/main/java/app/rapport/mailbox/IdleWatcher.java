package app.rapport.mailbox;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import jakarta.mail.Folder;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;

import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Keeps one connection per account idling on INBOX (IMAP IDLE), so new mail is read within seconds instead of at
 * the next poll. IDLE is ended and started again every {@code rapport.mail.sync.idle-renew}, before servers drop
 * it; a dropped connection is opened again after a pause with jitter. Servers without IDLE are polled only.
 */
@Component
@ConditionalOnProperty(name = "rapport.scheduling.enabled", havingValue = "true", matchIfMissing = true)
class IdleWatcher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(IdleWatcher.class);

    private final MailAccounts accounts;
    private final MailboxPoller poller;
    private final MailSessions sessions;
    private final AccountOptions options;
    private final SyncSettings settings;
    private final MailSettings mail;
    private final Pauses pauses;
    private final Map<String, Watch> watches = new ConcurrentHashMap<>();
    // Made at each start: a paused context (the test framework stops idle ones) is started again later.
    private volatile ExecutorService reads;
    private volatile ScheduledExecutorService renewals;
    private volatile boolean running;

    IdleWatcher(MailAccounts accounts, MailboxPoller poller, MailSessions sessions, AccountOptions options,
                SyncSettings settings, MailSettings mail, Pauses pauses) {
        this.accounts = accounts;
        this.poller = poller;
        this.sessions = sessions;
        this.options = options;
        this.settings = settings;
        this.mail = mail;
        this.pauses = pauses;
    }

    @Override
    public synchronized void start() {
        reads = Executors.newSingleThreadExecutor(Thread.ofPlatform().daemon().name("imap-idle-read").factory());
        renewals = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("imap-idle-renew")
                .factory());
        running = true;
        if (!settings.idle()) {
            return;
        }
        for (MailAccount account : accounts.all()) {
            begin(account);
        }
    }

    /** A mailbox saved in the settings page is watched at once with its new settings; a removed one is let go. */
    @EventListener
    synchronized void accountChanged(MailAccounts.MailAccountChanged change) {
        Watch old = watches.remove(change.name());
        if (old != null) {
            old.end();
        }
        if (running && change.account() != null) {
            MailAccount account = change.account();
            // Read at once, not at the next poll: also for a server without IDLE.
            reads.execute(() -> poller.checkAccount(account));
            if (settings.idle()) {
                begin(account);
            }
        }
    }

    private synchronized void begin(MailAccount account) {
        Watch watch = new Watch(account);
        watches.put(account.name(), watch);
        Thread.ofPlatform().daemon().name("imap-idle-" + account.name()).start(() -> watch(watch));
    }

    @Override
    public synchronized void stop() {
        running = false;
        watches.values().forEach(Watch::end);
        watches.clear();
        renewals.shutdownNow();
        reads.shutdownNow();
    }

    /** One account's IDLE connection; ended when Rapport stops or the account's settings change. */
    private static final class Watch {
        final MailAccount account;
        volatile boolean ended;
        volatile Store store;

        Watch(MailAccount account) {
            this.account = account;
        }

        void end() {
            ended = true;
            Store s = store;
            if (s != null) {
                try {
                    s.close();
                } catch (MessagingException | RuntimeException ignored) {
                    // closing is all that is left to do
                }
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void watch(Watch watch) {
        MailAccount account = watch.account;
        int failures = 0;
        while (running && !watch.ended) {
            try {
                if (!idleUntilBroken(watch)) {
                    return;
                }
                failures = 0;
            } catch (MessagingException | RuntimeException e) {
                if (!running || watch.ended) {
                    return;
                }
                failures++;
                Duration pause = pauses.backoff(failures, settings.backoff(), settings.maxBackoff());
                log.info("IDLE connection of account '{}' ended ({}); reconnecting in {} ms", account.name(),
                        MailboxPoller.plainWords(e), pause.toMillis());
                try {
                    pauses.sleep(pause.toMillis());
                } catch (IllegalStateException interrupted) {
                    return;
                }
            }
        }
    }

    /** Idles until the connection breaks; false when the server has no IDLE (the schedule alone reads it then). */
    private boolean idleUntilBroken(Watch watch) throws MessagingException {
        MailAccount account = watch.account;
        Session session = sessions.imap(account.imap(), options.of(account).login());
        // Between renewals the server may say nothing at all: the read timeout must outlast one IDLE.
        String timeout = Long.toString(settings.idleRenew().plus(mail.timeout()).toMillis());
        session.getProperties().setProperty("mail." + sessions.protocol(account.imap(), "imap") + ".timeout", timeout);
        Store store = session.getStore(sessions.protocol(account.imap(), "imap"));
        watch.store = store;
        if (watch.ended) {
            return false;
        }
        ScheduledFuture<?> renewal = null;
        try {
            store.connect(account.imap().host(), account.imap().port(), account.imap().user(), account.imap().password());
            if (!((IMAPStore) store).hasCapability("IDLE")) {
                log.info("The server of account '{}' does not offer IDLE; new mail is read every poll", account.name());
                return false;
            }
            IMAPFolder inbox = (IMAPFolder) store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            // Whatever arrived while no IDLE was running is read now; anything later is announced on this connection.
            readSoon(watch);
            long renew = settings.idleRenew().toMillis();
            renewal = renewals.scheduleAtFixedRate(() -> renew(inbox), renew, renew, TimeUnit.MILLISECONDS);
            int known = inbox.getMessageCount();
            while (running && !watch.ended && inbox.isOpen()) {
                inbox.idle(true);
                int now = inbox.getMessageCount();
                if (now > known) {
                    readSoon(watch);
                }
                known = now;
            }
            return true;
        } finally {
            if (renewal != null) {
                renewal.cancel(false);
            }
            watch.store = null;
            try {
                store.close();
            } catch (MessagingException ignored) {
                // the connection is gone already
            }
        }
    }

    /** Any command on the folder ends the running IDLE; the watch loop then starts a fresh one. */
    private static void renew(IMAPFolder inbox) {
        try {
            inbox.doCommand(p -> {
                p.simpleCommand("NOOP", null);
                return null;
            });
        } catch (MessagingException | RuntimeException e) {
            // the watch loop sees the broken connection itself
        }
    }

    private void readSoon(Watch watch) {
        MailAccount account = watch.account;
        reads.execute(() -> {
            if (running && !watch.ended) {
                poller.checkAccount(account);
            }
        });
    }
}
