package app.rapport.outbox;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;

import javax.net.ssl.SSLHandshakeException;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.URLName;
import jakarta.mail.internet.MimeMessage;

import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.springframework.stereotype.Component;

import app.rapport.mailbox.MailAccount;
import app.rapport.mailbox.MailSessions;

/**
 * One SMTP transaction, and what its outcome means for the reply. The line that matters is the final "." of
 * the message data: a failure before it means the server cannot have taken the message (safe to retry), a
 * failure after it without a clear answer means nobody knows (never retried automatically).
 */
@Component
class SmtpDelivery {

    /** What became of one attempt. */
    enum Result {
        /** The server answered 250 to the message data. */
        ACCEPTED,
        /** Not delivered, and trying again later may work (4xx, unreachable, timeout before the data ended). */
        TEMPORARY,
        /** Not delivered, and trying again will not help (5xx). */
        PERMANENT,
        /** The data was sent but the server's answer never arrived: it may have been delivered. */
        UNKNOWN
    }

    record Outcome(Result result, String reason) {
    }

    private final MailSessions sessions;

    SmtpDelivery(MailSessions sessions) {
        this.sessions = sessions;
    }

    Outcome deliver(MailAccount.Endpoint smtp, byte[] raw) {
        Session session = sessions.smtp(smtp);
        String protocol = sessions.protocol(smtp, "smtp");
        TrackingTransport transport = new TrackingTransport(session, new URLName(protocol, smtp.host(), smtp.port(),
                null, null, null), protocol, smtp.security() == MailAccount.Security.TLS);
        String answer;
        try {
            MimeMessage message = new MimeMessage(session, new ByteArrayInputStream(raw));
            transport.connect(smtp.host(), smtp.port(), blankToNull(smtp.user()), blankToNull(smtp.password()));
            transport.sendMessage(message, message.getAllRecipients());
            answer = transport.getLastServerResponse();
        } catch (MessagingException | RuntimeException e) {
            return classify(e, transport.dataEnded);
        } finally {
            closeQuietly(transport);
        }
        return new Outcome(Result.ACCEPTED, "accepted by " + smtp.host() + ": " + (answer == null ? "250" : answer.strip()));
    }

    static Outcome classify(Exception e, boolean dataEnded) {
        MessagingException answer = serverAnswer(e);
        int code = answer == null ? -1 : code(answer);
        String message = (answer != null ? answer : e).getMessage();
        message = message == null ? e.getClass().getSimpleName() : message.strip();
        if (code >= 500 && code < 600) {
            return new Outcome(Result.PERMANENT, "the mail server refused the reply: " + message);
        }
        if (code >= 400 && code < 500) {
            return new Outcome(Result.TEMPORARY, "the mail server asked to try again later: " + message);
        }
        if (dataEnded) {
            return new Outcome(Result.UNKNOWN, "the connection broke after the whole reply was handed over, before"
                    + " the mail server confirmed it (" + plain(e, message) + "). It may have reached the customer.");
        }
        if (e instanceof AuthenticationFailedException) {
            // A refused login (535) does not fix itself: stop, say so, and let the owner send again after fixing it.
            return new Outcome(Result.PERMANENT, "the mail server did not accept the login: " + message
                    + " Check the SMTP user name and password in Settings, then send the reply again.");
        }
        return new Outcome(Result.TEMPORARY, plain(e, message));
    }

    private static String plain(Exception e, String message) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            switch (t) {
                case ConnectException c -> {
                    return "the mail server could not be reached (" + c.getMessage() + ")";
                }
                case SocketTimeoutException s -> {
                    return "the mail server did not answer in time";
                }
                case UnknownHostException u -> {
                    return "the mail server's name is unknown (" + u.getMessage() + ")";
                }
                case SSLHandshakeException h -> {
                    return "the mail server's certificate could not be verified (" + h.getMessage() + ")";
                }
                default -> {
                }
            }
        }
        return "the connection to the mail server failed: " + message;
    }

    /** The exception that carries the server's own reply (code and words), if the server gave one. */
    private static MessagingException serverAnswer(Exception e) {
        for (Throwable t = e; t != null; ) {
            if (t instanceof MessagingException m && code(m) > 0) {
                return m;
            }
            Throwable next = t instanceof MessagingException m && m.getNextException() != null ? m.getNextException() : t.getCause();
            t = next == t ? null : next;
        }
        return null;
    }

    private static int code(MessagingException e) {
        return switch (e) {
            case SMTPSendFailedException s -> s.getReturnCode();
            case SMTPAddressFailedException a -> a.getReturnCode();
            default -> -1;
        };
    }

    private static void closeQuietly(SMTPTransport transport) {
        try {
            transport.close();
        } catch (MessagingException | RuntimeException ignored) {
            // QUIT after a finished transaction changes nothing about the message.
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    /** Notes the moment the final "." is about to go out. */
    private static final class TrackingTransport extends SMTPTransport {

        volatile boolean dataEnded;

        TrackingTransport(Session session, URLName url, String protocol, boolean ssl) {
            super(session, url, protocol, ssl);
        }

        @Override
        protected void finishData() throws IOException, MessagingException {
            dataEnded = true;
            super.finishData();
        }
    }
}
