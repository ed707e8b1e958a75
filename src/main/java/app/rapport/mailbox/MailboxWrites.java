package app.rapport.mailbox;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.search.HeaderTerm;

import org.springframework.stereotype.Component;

/**
 * The only changes Rapport makes to a mailbox: a copy of each reply it sent goes into the Sent folder, and the
 * customer's message it answered gets {@code \Answered}. Every method is safe to repeat.
 */
@Component
public class MailboxWrites {

    private final MailSessions sessions;
    private final MailSettings settings;

    MailboxWrites(MailSessions sessions, MailSettings settings) {
        this.sessions = sessions;
        this.settings = settings;
    }

    /** Thrown when the mailbox could not be reached or refused a change; the cause says why. */
    public static class MailboxWriteException extends Exception {
        MailboxWriteException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Whether the account's Sent folder holds a message with this Message-ID (without angle brackets). */
    public boolean sentFolderHas(MailAccount account, String messageId) throws MailboxWriteException {
        return withStore(account, "search the Sent folder", store -> {
            Folder sent = store.getFolder(expectSentFolder(store));
            sent.open(Folder.READ_ONLY);
            try {
                return !withMessageId(sent, messageId).isEmpty();
            } finally {
                sent.close(false);
            }
        });
    }

    /**
     * Appends these exact bytes to the Sent folder unless a message with the same Message-ID is already there,
     * then checks that it is. Returns the folder's name.
     */
    public String fileInSent(MailAccount account, byte[] raw, String messageId) throws MailboxWriteException {
        return withStore(account, "file the reply in the Sent folder", store -> {
            String name = expectSentFolder(store);
            Folder sent = store.getFolder(name);
            sent.open(Folder.READ_ONLY);
            try {
                if (withMessageId(sent, messageId).isEmpty()) {
                    MimeMessage copy = new MimeMessage(Session.getInstance(new java.util.Properties()),
                            new ByteArrayInputStream(raw));
                    copy.setFlags(new Flags(Flags.Flag.SEEN), true);
                    sent.appendMessages(new Message[] {copy});
                }
            } finally {
                sent.close(false);
            }
            // A fresh look: the append is trusted only once the server lists the message.
            sent.open(Folder.READ_ONLY);
            try {
                if (withMessageId(sent, messageId).isEmpty()) {
                    throw new MessagingException("the copy was appended to '" + name + "' but is not found there");
                }
            } finally {
                sent.close(false);
            }
            return name;
        });
    }

    /**
     * Sets {@code \Answered} on the message with this Message-ID in the folders Rapport reads. The folder is
     * opened read-write only for this. Returns how many messages were flagged (0 when it is gone).
     */
    public int markAnswered(MailAccount account, String messageId) throws MailboxWriteException {
        return withStore(account, "mark the customer's message as answered", store -> {
            int flagged = 0;
            for (String name : settings.folders()) {
                Folder folder = store.getFolder(name);
                if (!folder.exists()) {
                    continue;
                }
                folder.open(Folder.READ_WRITE);
                try {
                    for (Message m : withMessageId(folder, messageId)) {
                        m.setFlag(Flags.Flag.ANSWERED, true);
                        flagged++;
                    }
                } finally {
                    folder.close(false);
                }
            }
            return flagged;
        });
    }

    private String expectSentFolder(Store store) throws MessagingException {
        String configured = settings.sentFolder();
        String name = configured != null && !configured.isBlank() ? configured : ImapFolderSync.findSentFolder(store);
        if (name == null || !store.getFolder(name).exists()) {
            throw new MessagingException("the mailbox has no Sent folder (none marked \\Sent and none with a usual"
                    + " name); set rapport.mail.sent-folder");
        }
        return name;
    }

    /** SEARCH HEADER is a substring match on the server, so the exact value is compared here. */
    private static List<Message> withMessageId(Folder folder, String messageId) throws MessagingException {
        String wanted = "<" + messageId + ">";
        List<Message> found = new ArrayList<>();
        for (Message m : folder.search(new HeaderTerm("Message-ID", messageId))) {
            String[] values = m.getHeader("Message-ID");
            if (values != null) {
                for (String value : values) {
                    if (value.strip().equalsIgnoreCase(wanted)) {
                        found.add(m);
                        break;
                    }
                }
            }
        }
        return found;
    }

    private interface StoreWork<T> {
        T run(Store store) throws MessagingException;
    }

    private <T> T withStore(MailAccount account, String what, StoreWork<T> work) throws MailboxWriteException {
        MailAccount.Endpoint imap = account.imap();
        try (Store store = sessions.imap(imap).getStore(sessions.protocol(imap, "imap"))) {
            store.connect(imap.host(), imap.port(), imap.user(), imap.password());
            return work.run(store);
        } catch (MessagingException | RuntimeException e) {
            throw new MailboxWriteException("could not " + what + " on " + imap.host() + ": "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().strip()), e);
        }
    }
}
