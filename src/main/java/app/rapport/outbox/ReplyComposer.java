package app.rapport.outbox;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UnsupportedEncodingException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import org.springframework.stereotype.Component;

import app.rapport.drafting.Draft;
import app.rapport.drafting.OwnerProfile;
import app.rapport.mailbox.MailAccount;
import app.rapport.mailbox.StoredMessage;

/** Builds the reply exactly as it will be sent: text and HTML, threading headers, a Message-ID of its own. */
@Component
class ReplyComposer {

    /** RFC 5322 suggests trimming long References; keep the first and the most recent ones. */
    static final int MAX_REFERENCES = 12;

    private final OwnerProfile owner;
    private final OutboxSettings settings;
    private final Clock clock;
    private final Session session = Session.getInstance(new Properties());

    ReplyComposer(OwnerProfile owner, OutboxSettings settings, Clock clock) {
        this.owner = owner;
        this.settings = settings;
        this.clock = clock;
    }

    static String newMessageId(MailAccount account) {
        String domain = account.address().substring(account.address().indexOf('@') + 1);
        return UUID.randomUUID() + "@" + domain;
    }

    byte[] compose(MailAccount account, Draft draft, StoredMessage parent, String messageId) throws MessagingException {
        MimeMessage message = new MimeMessage(session) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", "<" + messageId + ">");
            }
        };
        try {
            message.setFrom(new InternetAddress(address("the shop's address", account.address()),
                    singleLine("the owner's name", owner.name()), "UTF-8"));
        } catch (UnsupportedEncodingException e) {
            throw new MessagingException("UTF-8 is always supported", e);
        }
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(address("the customer's address", draft.toAddress())));
        if (settings.replyTo() != null && !settings.replyTo().isBlank()) {
            message.setReplyTo(new InternetAddress[] {new InternetAddress(address("the Reply-To address", settings.replyTo()))});
        }
        message.setSubject(singleLine("the subject", draft.subject()), "UTF-8");
        message.setSentDate(Date.from(clock.instant()));
        message.setHeader("In-Reply-To", "<" + messageIdOf("the customer's message", parent.messageId()) + ">");
        message.setHeader("References", references(parent));

        MimeBodyPart text = new MimeBodyPart();
        text.setText(draft.text(), "UTF-8");
        MimeBodyPart html = new MimeBodyPart();
        html.setText(draft.html(), "UTF-8", "html");
        MimeMultipart alternative = new MimeMultipart("alternative");
        alternative.addBodyPart(text);
        alternative.addBodyPart(html);
        message.setContent(alternative);
        message.saveChanges();

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            message.writeTo(out);
        } catch (IOException e) {
            throw new MessagingException("could not write the reply", e);
        }
        return out.toByteArray();
    }

    static String references(StoredMessage parent) {
        // An id that could not be written safely is left out of the chain rather than breaking the header.
        List<String> chain = new ArrayList<>(parent.references().stream().filter(ReplyComposer::safeId).toList());
        chain.add(messageIdOf("the customer's message", parent.messageId()));
        if (chain.size() > MAX_REFERENCES) {
            List<String> trimmed = new ArrayList<>();
            trimmed.add(chain.getFirst());
            trimmed.addAll(chain.subList(chain.size() - (MAX_REFERENCES - 1), chain.size()));
            chain = trimmed;
        }
        StringBuilder header = new StringBuilder();
        for (String id : chain) {
            if (!header.isEmpty()) {
                header.append("\r\n ");
            }
            header.append('<').append(id).append('>');
        }
        return header.toString();
    }

    /**
     * A header value with a line break could start a header of its own (a Bcc, say), so it is refused, naming
     * the field, and the owner can correct it; nothing is sent.
     */
    static String singleLine(String field, String value) {
        if (value == null) {
            throw new UnsafeHeaderException(field + " is missing");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\r' || c == '\n' || c == 0 || c == '\u2028' || c == '\u2029' || c == '\u0085') {
                throw new UnsafeHeaderException(field + " contains a line break, which could add a header or a"
                        + " recipient to the email; remove it and approve again");
            }
        }
        return value;
    }

    /** Exactly one plain address: no display name, list, group or comment that could hide a second recipient. */
    static String address(String field, String value) {
        String v = singleLine(field, value).strip();
        if (!v.matches("[^\\s@<>()\\[\\],;:\"\\\\]+@[^\\s@<>()\\[\\],;:\"\\\\]+")) {
            throw new UnsafeHeaderException(field + " '" + v + "' is not one plain email address");
        }
        try {
            new InternetAddress(v, true);
        } catch (jakarta.mail.internet.AddressException e) {
            throw new UnsafeHeaderException(field + " '" + v + "' is not a valid email address");
        }
        return v;
    }

    private static String messageIdOf(String field, String id) {
        if (!safeId(id)) {
            throw new UnsafeHeaderException("the Message-ID of " + field + " cannot be written safely into a header");
        }
        return id;
    }

    private static boolean safeId(String id) {
        return id != null && !id.isEmpty() && id.length() <= 900 && id.chars().allMatch(c -> c > 32 && c < 127 && c != '<' && c != '>');
    }
}
