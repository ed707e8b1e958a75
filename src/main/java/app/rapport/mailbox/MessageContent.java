package app.rapport.mailbox;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;

import org.springframework.stereotype.Service;

/**
 * What is inside a stored message beyond its text: the HTML body as sent and the attached files, read again
 * from the raw bytes on disk whenever they are asked for.
 */
@Service
public class MessageContent {

    private static final int MAX_DEPTH = 20;
    private static final int MAX_PARTS = 500;

    private final Messages messages;
    private final RawMessageStore raw;
    private final MessageParser parser = new MessageParser();
    private final Session session;

    MessageContent(Messages messages, RawMessageStore raw) {
        this.messages = messages;
        this.raw = raw;
        Properties props = new Properties();
        props.setProperty("mail.mime.decodefilename", "true");
        props.setProperty("mail.mime.parameters.strict", "false");
        this.session = Session.getInstance(props);
    }

    /** The HTML body exactly as the sender wrote it (unsafe: sanitise before showing), if the message has one. */
    public Optional<String> html(long messageId) {
        return parts(messages.expect(messageId), true).html();
    }

    public List<Attachment> attachments(long messageId) {
        return parts(messages.expect(messageId), false).attachments();
    }

    /** A message's HTML body (when asked for and present) and its attachments. */
    public record Parts(Optional<String> html, List<Attachment> attachments) {
    }

    /** Both from one read of the raw bytes, for pages that show many messages at once. */
    public Parts parts(StoredMessage m, boolean withHtml) {
        byte[] bytes = raw.read(m.sha256());
        Optional<String> html = withHtml && m.hasHtml() ? Optional.ofNullable(parser.parse(bytes).html()) : Optional.empty();
        List<Attachment> found = new ArrayList<>();
        walk(bytes, (part, attachment) -> found.add(attachment));
        return new Parts(html, List.copyOf(found));
    }

    /** An attachment's bytes. */
    public record AttachmentData(Attachment attachment, byte[] bytes) {
    }

    public Optional<AttachmentData> attachment(long messageId, int index) {
        List<AttachmentData> hit = new ArrayList<>();
        walk(raw.read(messages.expect(messageId).sha256()), (part, attachment) -> {
            if (attachment.index() == index) {
                try (InputStream in = part.getInputStream()) {
                    hit.add(new AttachmentData(attachment, in.readAllBytes()));
                } catch (IOException | MessagingException e) {
                    throw new UncheckedIOException(new IOException("attachment " + index + " of message " + messageId
                            + " cannot be read: " + e.getMessage(), e));
                }
            }
        });
        return hit.stream().findFirst();
    }

    private interface Visitor {
        void attachment(Part part, Attachment attachment);
    }

    private void walk(byte[] bytes, Visitor visitor) {
        try {
            MimeMessage mime = new MimeMessage(session, new ByteArrayInputStream(bytes));
            walk(mime, visitor, 0, new int[] {0, 0});
        } catch (MessagingException | IOException e) {
            // A message whose structure cannot be read has no attachments Rapport can offer.
        }
    }

    private void walk(Part part, Visitor visitor, int depth, int[] counters) throws MessagingException, IOException {
        if (depth > MAX_DEPTH || ++counters[0] > MAX_PARTS) {
            return;
        }
        if (part.isMimeType("multipart/*")) {
            if (part.getContent() instanceof Multipart multipart) {
                for (int i = 0; i < multipart.getCount(); i++) {
                    BodyPart child = multipart.getBodyPart(i);
                    walk(child, visitor, depth + 1, counters);
                }
            }
            return;
        }
        String fileName = fileName(part);
        boolean attached = isAttachment(part) || fileName != null || part.isMimeType("message/rfc822");
        if (depth > 0 && attached) {
            String type = baseType(safeContentType(part));
            String name = fileName != null ? fileName : part.isMimeType("message/rfc822") ? "forwarded-message.eml" : "attachment";
            visitor.attachment(part, new Attachment(counters[1]++, name, type, Math.max(0, part.getSize())));
        }
    }

    /** Reads the disposition leniently: a mangled header on one part must not hide the others. */
    private static boolean isAttachment(Part part) {
        try {
            return Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition());
        } catch (MessagingException | RuntimeException e) {
            try {
                String[] raw = part.getHeader("Content-Disposition");
                return raw != null && raw.length > 0 && raw[0].strip().toLowerCase(Locale.ROOT).startsWith(Part.ATTACHMENT);
            } catch (MessagingException unreadable) {
                return false;
            }
        }
    }

    private static String fileName(Part part) {
        try {
            String name = part.getFileName();
            if (name == null) {
                return null;
            }
            name = MimeUtility.decodeText(name);
            name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
            name = name.replaceAll("[\\p{Cntrl}\"]", "").strip();
            return name.isEmpty() ? null : name;
        } catch (MessagingException | IOException | RuntimeException e) {
            return null;
        }
    }

    private static String safeContentType(Part part) {
        try {
            return part.getContentType();
        } catch (MessagingException | RuntimeException e) {
            return null;
        }
    }

    private static String baseType(String contentType) {
        if (contentType == null) {
            return "application/octet-stream";
        }
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
    }
}
