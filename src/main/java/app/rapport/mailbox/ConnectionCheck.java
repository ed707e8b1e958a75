package app.rapport.mailbox;

import java.util.ArrayList;
import java.util.List;

import jakarta.mail.Folder;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;

import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.springframework.stereotype.Service;

/**
 * Tries an account's servers the way the poller and the sender will use them, and says what happened in plain
 * words: for the settings page's "Test connection" button.
 */
@Service
public class ConnectionCheck {

    private final MailSessions sessions;

    ConnectionCheck(MailSessions sessions) {
        this.sessions = sessions;
    }

    /** One line per server: whether it worked, and what the server said. */
    public record Result(boolean ok, List<String> lines) {
    }

    public Result check(MailAccount account) {
        List<String> lines = new ArrayList<>();
        boolean imapOk = imap(account.imap(), lines);
        boolean smtpOk = smtp(account.smtp(), lines);
        return new Result(imapOk && smtpOk, List.copyOf(lines));
    }

    private boolean imap(MailAccount.Endpoint e, List<String> lines) {
        Session session = sessions.imap(e);
        try (Store store = session.getStore(sessions.protocol(e, "imap"))) {
            store.connect(e.host(), e.port(), e.user(), e.password());
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            int count = inbox.getMessageCount();
            inbox.close(false);
            lines.add("IMAP: signed in to " + e.host() + ":" + e.port() + " (" + describe(e.security()) + ") as "
                    + e.user() + "; the inbox holds " + count + " message" + (count == 1 ? "" : "s") + ".");
            return true;
        } catch (MessagingException | RuntimeException ex) {
            lines.add("IMAP: " + MailboxPoller.plainWords(ex) + serverSaid(ex));
            return false;
        }
    }

    private boolean smtp(MailAccount.Endpoint e, List<String> lines) {
        Session session = sessions.smtp(e);
        try (Transport transport = session.getTransport(sessions.protocol(e, "smtp"))) {
            boolean login = e.user() != null && !e.user().isBlank();
            transport.connect(e.host(), e.port(), login ? e.user() : null, login ? e.password() : null);
            String greeting = transport instanceof SMTPTransport smtp && smtp.getLastServerResponse() != null
                    ? " The server said: " + smtp.getLastServerResponse().strip() : "";
            lines.add("SMTP: connected to " + e.host() + ":" + e.port() + " (" + describe(e.security()) + ")"
                    + (login ? ", signed in as " + e.user() : "") + "." + greeting);
            return true;
        } catch (MessagingException | RuntimeException ex) {
            lines.add("SMTP: " + MailboxPoller.plainWords(ex) + serverSaid(ex));
            return false;
        }
    }

    private static String describe(MailAccount.Security security) {
        return switch (security) {
            case TLS -> "TLS";
            case STARTTLS -> "STARTTLS";
            case NONE -> "no encryption";
        };
    }

    private static String serverSaid(Exception e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? "." : ". The server said: " + message.strip();
    }
}
