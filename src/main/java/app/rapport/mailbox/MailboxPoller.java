package app.rapport.mailbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

import jakarta.mail.MessagingException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * Reads new mail from every account on a schedule ({@code rapport.mail.poll-interval}), when IDLE reports new mail,
 * and on demand. Only one sync runs at a time; a failing account is reported, waits longer before its next
 * scheduled try (backoff with jitter), and does not stop the others.
 */
@Service
public class MailboxPoller {

    private static final Logger log = LoggerFactory.getLogger(MailboxPoller.class);

    private final MailAccounts accounts;
    private final ImapFolderSync sync;
    private final FolderStates folders;
    private final SyncNotices notices;
    private final SyncSettings settings;
    private final Pauses pauses;
    private final Clock clock;
    private final ReentrantLock running = new ReentrantLock();
    private final Map<String, AccountStatus> status = new LinkedHashMap<>();
    private final Map<String, Progress> progress = new LinkedHashMap<>();
    private final Map<String, Integer> failures = new ConcurrentHashMap<>();
    private final Map<String, Instant> notBefore = new ConcurrentHashMap<>();
    private final boolean scheduled;
    private final AccountOptions options;

    MailboxPoller(MailAccounts accounts, FolderStates folders, ImapFolderSync sync, SyncNotices notices,
                  SyncSettings settings, Pauses pauses, Clock clock,
                  @Value("${rapport.scheduling.enabled:true}") boolean scheduled, AccountOptions options) {
        this.scheduled = scheduled;
        this.options = options;
        this.accounts = accounts;
        this.sync = sync;
        this.folders = folders;
        this.notices = notices;
        this.settings = settings;
        this.pauses = pauses;
        this.clock = clock;
    }

    /**
     * How an account's last sync went.
     *
     * @param lastError     the last failure in plain words, null after a success
     * @param messagesToday messages stored from this account since midnight
     * @param progress      the folder being read and how far, or null when no sync runs
     * @param stopped       true when the account is stopped until the cause is fixed (see {@code lastError})
     * @param notices       the latest lines about the account's folders (renumbered folders, stops), newest first
     */
    public record AccountStatus(String account, Instant lastAttempt, Instant lastSuccess, int lastFetched,
                                String lastError, long messagesToday, Progress progress, boolean stopped,
                                List<String> notices) {

        public AccountStatus(String account, Instant lastAttempt, Instant lastSuccess, int lastFetched, String lastError) {
            this(account, lastAttempt, lastSuccess, lastFetched, lastError, 0, null, false, List.of());
        }

        public boolean healthy() {
            return lastError == null && !stopped;
        }
    }

    /** How far a running sync has read a folder's UID range. */
    public record Progress(String folder, long done, long total) {
        public int percent() {
            return total <= 0 ? 100 : (int) Math.min(100, done * 100 / total);
        }
    }

    /** What one poll fetched. */
    public record PollResult(int fetched, List<String> errors) {
        public boolean ok() {
            return errors.isEmpty();
        }
    }

    @Scheduled(initialDelayString = "${rapport.mail.initial-delay:1s}", fixedDelayString = "${rapport.mail.poll-interval:60s}")
    void scheduledPoll() {
        // A library may switch scheduling on for its own tasks; a command-line run still must not poll by itself.
        if (scheduled && running.tryLock()) {
            try {
                pollAll(true);
            } finally {
                running.unlock();
            }
        }
    }

    /** Polls every account now, waiting for a poll already running to finish first. */
    public PollResult checkNow() {
        running.lock();
        try {
            return pollAll(false);
        } finally {
            running.unlock();
        }
    }

    /** Reads one account now, e.g. because IDLE reported new mail in its INBOX. */
    void checkAccount(MailAccount account) {
        running.lock();
        try {
            poll(account, new ArrayList<>());
        } finally {
            running.unlock();
        }
    }

    /** What {@link #syncEachOnce} did for one account: new messages per folder, or why it failed. */
    public record AccountRun(String account, Map<String, Integer> fetchedByFolder, String error) {
        public boolean ok() {
            return error == null;
        }
    }

    /**
     * Reads every account once, reporting each batch to {@code listener}; a failing account does not stop the
     * others. For the command line: no schedule, no IDLE.
     */
    public List<AccountRun> syncEachOnce(SyncListener listener) {
        running.lock();
        try {
            List<AccountRun> runs = new ArrayList<>();
            for (MailAccount account : accounts.all()) {
                runs.add(syncOnce(account, listener));
            }
            return runs;
        } finally {
            running.unlock();
        }
    }

    /** Reads one account once, configured or not (a benchmark's own server); a failure is returned in plain words. */
    public AccountRun syncOnce(MailAccount account, SyncListener listener) {
        running.lock();
        try {
            return new AccountRun(account.name(), sync.sync(account, listener).fetchedByFolder(), null);
        } catch (MessagingException | RuntimeException e) {
            log.debug("Sync of account '{}' failed", account.name(), e);
            return new AccountRun(account.name(), Map.of(), plainWords(e, options.of(account).login()));
        } finally {
            running.unlock();
        }
    }

    /** A changed or removed account starts afresh: no old error, backoff or status carried over. */
    @EventListener
    void accountChanged(MailAccounts.MailAccountChanged change) {
        synchronized (this) {
            status.remove(change.name());
            progress.remove(change.name());
        }
        failures.remove(change.name());
        notBefore.remove(change.name());
    }

    /** Accounts that have been read at least once, with how their last sync went. */
    public synchronized List<AccountStatus> status() {
        return overview().stream().filter(s -> s.lastAttempt() != null).toList();
    }

    /** Accounts read at least once, with how their last check went, from memory only: cheap enough for every page. */
    public synchronized List<AccountStatus> lastChecks() {
        return accounts.all().stream().map(a -> status.get(a.name()))
                .filter(s -> s != null && s.lastAttempt() != null).toList();
    }

    /** Every account, read or not yet, with a first sync's progress: for the status page. */
    public synchronized List<AccountStatus> overview() {
        List<AccountStatus> all = new ArrayList<>();
        LocalDate today = LocalDate.now(clock);
        Instant midnight = today.atStartOfDay(clock.getZone()).toInstant();
        for (MailAccount account : accounts.all()) {
            AccountStatus s = status.getOrDefault(account.name(),
                    new AccountStatus(account.name(), null, null, 0, null));
            all.add(new AccountStatus(s.account(), s.lastAttempt(), s.lastSuccess(), s.lastFetched(), s.lastError(),
                    notices.storedSince(account.name(), midnight), progress.get(account.name()), s.stopped(),
                    notices.latest(account.name(), 5)));
        }
        return List.copyOf(all);
    }

    private PollResult pollAll(boolean scheduled) {
        int fetched = 0;
        List<String> errors = new ArrayList<>();
        for (MailAccount account : accounts.all()) {
            Instant wait = notBefore.get(account.name());
            if (scheduled && wait != null && Instant.now(clock).isBefore(wait)) {
                continue;
            }
            fetched += poll(account, errors);
        }
        return new PollResult(fetched, errors);
    }

    private int poll(MailAccount account, List<String> errors) {
        Instant started = Instant.now(clock);
        if (accounts.takeFreshStart(account)) {
            // Runs under the sync lock, so no sync of the earlier mailbox can write its mark after this.
            folders.forget(account.name());
        }
        try {
            int n = sync.sync(account, new SyncListener() {
                @Override
                public void batchDone(String a, String folder, int fetched, long done, long total) {
                    Progress p = new Progress(folder, done, total);
                    progress(a, p);
                    if (fetched > 0) {
                        log.info("Account '{}', folder '{}': {}% read, {} new message(s) so far", a, folder,
                                p.percent(), fetched);
                    }
                }
            }).fetched();
            record(new AccountStatus(account.name(), started, Instant.now(clock), n, null));
            failures.remove(account.name());
            notBefore.remove(account.name());
            if (n > 0) {
                log.info("Fetched {} new message(s) for account '{}'", n, account.name());
            }
            return n;
        } catch (MessagingException | RuntimeException e) {
            String reason = plainWords(e, options.of(account).login());
            errors.add(account.name() + ": " + reason);
            AccountStatus previous;
            synchronized (this) {
                previous = status.get(account.name());
            }
            boolean stopped = e instanceof AccountStoppedException;
            record(new AccountStatus(account.name(), started, previous == null ? null : previous.lastSuccess(), 0,
                    reason, 0, null, stopped, List.of()));
            int failed = failures.merge(account.name(), 1, Integer::sum);
            Duration pause = pauses.backoff(failed, settings.backoff(), settings.maxBackoff());
            notBefore.put(account.name(), Instant.now(clock).plus(pause));
            log.warn("Could not read mail for account '{}' ({}): {}", account.name(), account.imap(), reason, e);
            return 0;
        } finally {
            progress(account.name(), null);
        }
    }

    private synchronized void progress(String account, Progress p) {
        if (p == null) {
            progress.remove(account);
        } else {
            progress.put(account, p);
        }
    }

    private synchronized void record(AccountStatus s) {
        status.put(s.account(), s);
    }

    /** As {@link #plainWords(Throwable)}, naming the access token when the account logs in with one. */
    static String plainWords(Throwable e, ImapLogin login) {
        if (login == ImapLogin.XOAUTH2) {
            for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
                if (t instanceof jakarta.mail.AuthenticationFailedException) {
                    return "the mail server rejected the access token (OAuth2 login): it may have expired or belong"
                            + " to another user; give Rapport a fresh token";
                }
            }
        }
        return plainWords(e);
    }

    static String plainWords(Throwable e) {
        if (e instanceof AccountStoppedException) {
            return e.getMessage();
        }
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof javax.net.ssl.SSLHandshakeException || t instanceof java.security.cert.CertificateException) {
                return "the mail server's certificate is not trusted (" + t.getMessage() + "); for a server with its"
                        + " own certificate, set trusted-certificate to its PEM file";
            }
            if (t instanceof jakarta.mail.AuthenticationFailedException) {
                return "the mail server rejected the user name or password";
            }
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return switch (root) {
            case java.net.ConnectException c -> "the mail server refused the connection (" + c.getMessage() + ")";
            case java.net.SocketTimeoutException t -> "the mail server did not answer in time";
            case java.net.UnknownHostException u -> "the mail server's name is unknown: " + u.getMessage();
            case org.eclipse.angus.mail.iap.ConnectionException c -> "the mail server closed the connection";
            case java.io.EOFException eof -> "the mail server closed the connection";
            case java.net.SocketException s -> "the connection to the mail server broke (" + s.getMessage() + ")";
            default -> e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
        };
    }
}
