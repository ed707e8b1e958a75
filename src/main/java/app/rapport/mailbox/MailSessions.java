package app.rapport.mailbox;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;

import jakarta.mail.Session;

import org.springframework.stereotype.Component;

/** Builds Jakarta Mail sessions for an account's servers, with timeouts on every connection. */
@Component
public class MailSessions {

    private final Duration timeout;

    MailSessions(MailSettings settings) {
        this.timeout = settings.timeout();
    }

    /** A session for reading the account's mail over IMAP (protocol {@code imap} or {@code imaps}). */
    public Session imap(MailAccount.Endpoint endpoint) {
        return session(endpoint, endpoint.security() == MailAccount.Security.TLS ? "imaps" : "imap");
    }

    /**
     * A session for reading mail that logs in as {@code login} says: with {@link ImapLogin#XOAUTH2} the endpoint's
     * password is the OAuth2 access token and no other mechanism is tried.
     */
    public Session imap(MailAccount.Endpoint endpoint, ImapLogin login) {
        Session session = imap(endpoint);
        if (login == ImapLogin.XOAUTH2) {
            String p = "mail." + protocol(endpoint, "imap");
            session.getProperties().setProperty(p + ".auth.mechanisms", "XOAUTH2");
            session.getProperties().setProperty(p + ".auth.login.disable", "true");
            session.getProperties().setProperty(p + ".auth.plain.disable", "true");
        }
        return session;
    }

    /** A session for sending over SMTP (protocol {@code smtp} or {@code smtps}). */
    public Session smtp(MailAccount.Endpoint endpoint) {
        Session session = session(endpoint, endpoint.security() == MailAccount.Security.TLS ? "smtps" : "smtp");
        String p = "mail." + protocol(endpoint, "smtp");
        session.getProperties().setProperty(p + ".auth", Boolean.toString(endpoint.user() != null && !endpoint.user().isBlank()));
        return session;
    }

    public String protocol(MailAccount.Endpoint endpoint, String base) {
        return endpoint.security() == MailAccount.Security.TLS ? base + "s" : base;
    }

    private Session session(MailAccount.Endpoint endpoint, String protocol) {
        Properties props = new Properties();
        String p = "mail." + protocol;
        String millis = Long.toString(timeout.toMillis());
        props.setProperty(p + ".host", endpoint.host());
        props.setProperty(p + ".port", Integer.toString(endpoint.port()));
        props.setProperty(p + ".connectiontimeout", millis);
        props.setProperty(p + ".timeout", millis);
        props.setProperty(p + ".writetimeout", millis);
        // Reading a message must never mark it \Seen: the owner may not have read it yet.
        props.setProperty(p + ".peek", "true");
        props.setProperty(p + ".partialfetch", "false");
        if (endpoint.security() == MailAccount.Security.STARTTLS) {
            props.setProperty(p + ".starttls.enable", "true");
            props.setProperty(p + ".starttls.required", "true");
        }
        if (endpoint.security() != MailAccount.Security.NONE) {
            if (endpoint.trustAnyCertificate()) {
                props.setProperty(p + ".ssl.trust", "*");
                props.setProperty(p + ".ssl.checkserveridentity", "false");
            } else {
                props.setProperty(p + ".ssl.checkserveridentity", "true");
                if (endpoint.trustedCertificate() != null) {
                    // Used for implicit TLS and for STARTTLS alike; the host name is still checked.
                    props.put(p + ".ssl.socketFactory", TrustedCertificates.socketFactory(Path.of(endpoint.trustedCertificate())));
                }
            }
        }
        return Session.getInstance(props);
    }
}
