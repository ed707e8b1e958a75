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
    private final Clock clock;
    private final Session session = Session.getInstance(new Properties());

    ReplyComposer(OwnerProfile owner, Clock clock) {
        this.owner = owner;
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
            message.setFrom(new InternetAddress(account.address(), owner.name(), "UTF-8"));
        } catch (UnsupportedEncodingException e) {
            throw new MessagingException("UTF-8 is always supported", e);
        }
        InternetAddress to = new InternetAddress(draft.toAddress(), true);
        message.setRecipient(Message.RecipientType.TO, to);
        message.setSubject(singleLine(draft.subject()), "UTF-8");
        message.setSentDate(Date.from(clock.instant()));
        message.setHeader("In-Reply-To", "<" + parent.messageId() + ">");
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
        List<String> chain = new ArrayList<>(parent.references());
        chain.add(parent.messageId());
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

    private static String singleLine(String value) {
        if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("a header value must be a single line: " + value.strip());
        }
        return value;
    }
}
