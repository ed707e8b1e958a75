package app.rapport.support;

import java.util.Date;
import java.util.Properties;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

/** Customer mail for tests, sent for real over SMTP. */
public final class Mails {

    private Mails() {
    }

    /** Sends a plain-text message through the SMTP server on this port; returns its Message-ID. */
    public static String send(int smtpPort, String from, String fromName, String to, String subject, String text,
                              String messageId, String inReplyTo) throws Exception {
        MimeMessage m = message(smtpPort, from, fromName, to, subject, messageId);
        if (inReplyTo != null) {
            m.setHeader("In-Reply-To", "<" + inReplyTo + ">");
            m.setHeader("References", "<" + inReplyTo + ">");
        }
        m.setText(text, "UTF-8");
        Transport.send(m);
        return messageId;
    }

    /**
     * A message to send through the SMTP server on this port, from and to these addresses, with this Message-ID
     * kept as it is (Jakarta Mail would otherwise make up its own when sending).
     */
    static MimeMessage message(int smtpPort, String from, String fromName, String to, String subject,
                               String messageId) throws Exception {
        Properties props = new Properties();
        props.setProperty("mail.smtp.host", "127.0.0.1");
        props.setProperty("mail.smtp.port", Integer.toString(smtpPort));
        MimeMessage m = new MimeMessage(Session.getInstance(props)) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", "<" + messageId + ">");
            }
        };
        m.setFrom(new InternetAddress(from, fromName, "UTF-8"));
        m.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
        m.setSubject(subject, "UTF-8");
        m.setSentDate(new Date());
        return m;
    }
}
