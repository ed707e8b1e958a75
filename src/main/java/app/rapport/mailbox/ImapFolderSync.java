package app.rapport.mailbox;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.mail.FetchProfile;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;

import org.eclipse.angus.mail.imap.IMAPFolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Fetches what is new in an account's folders. The folder is opened read-only and bodies are fetched with
 * BODY.PEEK, so nothing on the server changes. The cursor moves only after the messages below it are stored.
 */
@Component
class ImapFolderSync {

    private static final Logger log = LoggerFactory.getLogger(ImapFolderSync.class);
    private static final int BATCH = 50;
    private static final List<String> SENT_NAMES = List.of("sent", "sent items", "sent messages", "sent mail",
            "inbox.sent", "[gmail]/sent mail", "gesendet", "gesendete elemente", "gesendete objekte");

    private final MailSessions sessions;
    private final MessageIngest ingest;
    private final FolderStates states;
    private final MailSettings settings;

    ImapFolderSync(MailSessions sessions, MessageIngest ingest, FolderStates states, MailSettings settings) {
        this.sessions = sessions;
        this.ingest = ingest;
        this.states = states;
        this.settings = settings;
    }

    int syncAccount(MailAccount account) throws MessagingException {
        MailAccount.Endpoint imap = account.imap();
        var session = sessions.imap(imap);
        try (Store store = session.getStore(sessions.protocol(imap, "imap"))) {
            store.connect(imap.host(), imap.port(), imap.user(), imap.password());
            int fetched = 0;
            for (String name : foldersToRead(store)) {
                fetched += syncFolder(account, store, name);
            }
            return fetched;
        }
    }

    private List<String> foldersToRead(Store store) throws MessagingException {
        List<String> names = new ArrayList<>(settings.folders());
        String sent = settings.sentFolder() != null && !settings.sentFolder().isBlank()
                ? settings.sentFolder() : findSentFolder(store);
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

    private int syncFolder(MailAccount account, Store store, String name) throws MessagingException {
        Folder folder = store.getFolder(name);
        if (!folder.exists()) {
            log.warn("Folder '{}' does not exist in account '{}'; skipped", name, account.name());
            return 0;
        }
        folder.open(Folder.READ_ONLY);
        try {
            UIDFolder uids = (UIDFolder) folder;
            long uidValidity = uids.getUIDValidity();
            long lastUid = states.find(account.name(), name)
                    .map(s -> {
                        if (s.uidValidity() != uidValidity) {
                            log.warn("Folder '{}' of account '{}' changed its UIDVALIDITY ({} -> {}); reading it again,"
                                    + " messages already stored are recognised and skipped", name, account.name(),
                                    s.uidValidity(), uidValidity);
                            return 0L;
                        }
                        return s.lastUid();
                    }).orElse(0L);
            Message[] candidates = uids.getMessagesByUID(lastUid + 1, UIDFolder.LASTUID);
            int stored = 0;
            for (int start = 0; start < candidates.length; start += BATCH) {
                Message[] batch = java.util.Arrays.copyOfRange(candidates, start, Math.min(candidates.length, start + BATCH));
                FetchProfile profile = new FetchProfile();
                profile.add(UIDFolder.FetchProfileItem.UID);
                profile.add(FetchProfile.Item.SIZE);
                folder.fetch(batch, profile);
                long batchMax = lastUid;
                for (Message m : batch) {
                    long uid = uids.getUID(m);
                    // "UID n:*" always returns the newest message, even when it is older than n.
                    if (uid <= lastUid) {
                        continue;
                    }
                    byte[] bytes = rawBytes(m);
                    if (ingest.store(bytes, new MessageIngest.Origin(account.name(), name, uid)).isPresent()) {
                        stored++;
                    }
                    batchMax = Math.max(batchMax, uid);
                }
                if (batchMax > lastUid) {
                    lastUid = batchMax;
                    states.save(account.name(), name, uidValidity, lastUid);
                }
            }
            states.save(account.name(), name, uidValidity, lastUid);
            return stored;
        } finally {
            folder.close(false);
        }
    }

    private static byte[] rawBytes(Message m) throws MessagingException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(1024, m.getSize()));
        try {
            m.writeTo(out);
        } catch (IOException e) {
            throw new MessagingException("could not read message body: " + e.getMessage(), e);
        }
        return out.toByteArray();
    }
}
