package app.rapport.mailbox;

import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Folder;
import jakarta.mail.FolderClosedException;
import jakarta.mail.MessagingException;
import jakarta.mail.Store;
import jakarta.mail.StoreClosedException;

import org.eclipse.angus.mail.iap.ConnectionException;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Reads what is new in an account's folders. Folders are opened read-only and bodies fetched with BODY.PEEK, so
 * nothing on the server changes. A connection that breaks is opened again after a pause (with jitter); the
 * cursor of each folder only ever moves past messages already stored, so a retry continues where it stopped.
 */
@Component
class ImapFolderSync {

    private static final Logger log = LoggerFactory.getLogger(ImapFolderSync.class);
    private static final List<String> SENT_NAMES = List.of("sent", "sent items", "sent messages", "sent mail",
            "inbox.sent", "[gmail]/sent mail", "gesendet", "gesendete elemente", "gesendete objekte");

    private final MailSessions sessions;
    private final FolderReader reader;
    private final AccountOptions options;
    private final SyncSettings settings;
    private final Pauses pauses;

    ImapFolderSync(MailSessions sessions, FolderReader reader, AccountOptions options, SyncSettings settings,
                   Pauses pauses) {
        this.sessions = sessions;
        this.reader = reader;
        this.options = options;
        this.settings = settings;
        this.pauses = pauses;
    }

    /** What one sync of an account fetched, folder by folder. */
    record AccountResult(Map<String, Integer> fetchedByFolder) {
        int fetched() {
            return fetchedByFolder.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    int syncAccount(MailAccount account) throws MessagingException {
        return sync(account, SyncListener.NONE).fetched();
    }

    AccountResult sync(MailAccount account, SyncListener listener) throws MessagingException {
        Map<String, Integer> fetched = new LinkedHashMap<>();
        int attempt = 1;
        while (true) {
            try {
                readAll(account, listener, fetched);
                return new AccountResult(fetched);
            } catch (MessagingException | RuntimeException e) {
                if (!worthRetrying(e) || attempt >= settings.attempts()) {
                    throw e;
                }
                long pause = pauses.backoff(attempt, settings.backoff(), settings.maxBackoff()).toMillis();
                log.info("Connection to account '{}' broke ({}); trying again in {} ms", account.name(),
                        MailboxPoller.plainWords(e), pause);
                log.debug("The connection broke here", e);
                pauses.sleep(pause);
                attempt++;
            }
        }
    }

    private void readAll(MailAccount account, SyncListener listener, Map<String, Integer> fetched)
            throws MessagingException {
        MailAccount.Endpoint imap = account.imap();
        var session = sessions.imap(imap, options.of(account).login());
        try (Store store = session.getStore(sessions.protocol(imap, "imap"))) {
            store.connect(imap.host(), imap.port(), imap.user(), imap.password());
            for (String name : foldersToRead(account, store)) {
                int n = reader.read(account, store, name, listener);
                fetched.merge(name, n, Integer::sum);
            }
        }
    }

    /** A broken or silent connection is worth another try; a wrong password or a stopped account is not. */
    static boolean worthRetrying(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof AuthenticationFailedException || t instanceof AccountStoppedException
                    || t instanceof javax.net.ssl.SSLException) {
                return false;
            }
            if (t instanceof FolderClosedException || t instanceof StoreClosedException
                    || t instanceof ConnectionException || t instanceof SocketTimeoutException
                    || t instanceof java.io.IOException) {
                return true;
            }
        }
        return false;
    }

    List<String> foldersToRead(MailAccount account, Store store) throws MessagingException {
        AccountOptions.Options o = options.of(account);
        List<String> names = new ArrayList<>(o.folders());
        String sent = o.sentFolder() != null ? o.sentFolder() : findSentFolder(store);
        if (sent != null && !names.contains(sent)) {
            names.add(sent);
        }
        return names;
    }

    /** The folder the server marks \Sent (RFC 6154), else one with a usual name. */
    static String findSentFolder(Store store) throws MessagingException {
        String byName = null;
        for (Folder f : store.getDefaultFolder().list("*")) {
            if (f instanceof IMAPFolder imapFolder) {
                for (String attribute : imapFolder.getAttributes()) {
                    if ("\\Sent".equalsIgnoreCase(attribute)) {
                        return f.getFullName();
                    }
                }
            }
            if (byName == null && SENT_NAMES.contains(f.getFullName().toLowerCase(Locale.ROOT))) {
                byName = f.getFullName();
            }
        }
        return byName;
    }
}
