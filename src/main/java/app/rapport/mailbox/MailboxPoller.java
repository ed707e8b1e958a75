package app.rapport.mailbox;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

import jakarta.mail.MessagingException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * Reads new mail from every account on a schedule ({@code rapport.mail.poll-interval}) and on demand. Only one
 * poll runs at a time; a failing account is reported and does not stop the others.
 */
@Service
public class MailboxPoller {

    private static final Logger log = LoggerFactory.getLogger(MailboxPoller.class);

    private final List<MailAccount> accounts;
    private final ImapFolderSync sync;
    private final Clock clock;
    private final ReentrantLock running = new ReentrantLock();
    private final Map<String, AccountStatus> status = new LinkedHashMap<>();

    MailboxPoller(List<MailAccount> accounts, ImapFolderSync sync, Clock clock) {
        this.accounts = accounts;
        this.sync = sync;
        this.clock = clock;
    }

    /** How an account's last poll went. */
    public record AccountStatus(String account, Instant lastAttempt, Instant lastSuccess, int lastFetched,
                                String lastError) {
    }

    /** What one poll fetched. */
    public record PollResult(int fetched, List<String> errors) {
        public boolean ok() {
            return errors.isEmpty();
        }
    }

    @Scheduled(initialDelayString = "${rapport.mail.initial-delay:1s}", fixedDelayString = "${rapport.mail.poll-interval:60s}")
    void scheduledPoll() {
        if (running.tryLock()) {
            try {
                pollAll();
            } finally {
                running.unlock();
            }
        }
    }

    /** Polls every account now, waiting for a poll already running to finish first. */
    public PollResult checkNow() {
        running.lock();
        try {
            return pollAll();
        } finally {
            running.unlock();
        }
    }

    public synchronized List<AccountStatus> status() {
        return List.copyOf(status.values());
    }

    private PollResult pollAll() {
        int fetched = 0;
        List<String> errors = new ArrayList<>();
        for (MailAccount account : accounts) {
            Instant started = Instant.now(clock);
            try {
                int n = sync.syncAccount(account);
                fetched += n;
                record(new AccountStatus(account.name(), started, Instant.now(clock), n, null));
                if (n > 0) {
                    log.info("Fetched {} new message(s) for account '{}'", n, account.name());
                }
            } catch (MessagingException | RuntimeException e) {
                String reason = plainWords(e);
                errors.add(account.name() + ": " + reason);
                AccountStatus previous = status.get(account.name());
                record(new AccountStatus(account.name(), started, previous == null ? null : previous.lastSuccess(), 0, reason));
                log.warn("Could not read mail for account '{}' ({}): {}", account.name(), account.imap(), reason, e);
            }
        }
        return new PollResult(fetched, errors);
    }

    private synchronized void record(AccountStatus s) {
        status.put(s.account(), s);
    }

    static String plainWords(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return switch (root) {
            case java.net.ConnectException c -> "the mail server refused the connection (" + c.getMessage() + ")";
            case java.net.SocketTimeoutException t -> "the mail server did not answer in time";
            case java.net.UnknownHostException u -> "the mail server's name is unknown: " + u.getMessage();
            case jakarta.mail.AuthenticationFailedException a -> "the mail server rejected the user name or password";
            default -> e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
        };
    }
}
