package app.rapport.mailbox;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;

/**
 * Reads raw RFC 5322 bytes into a {@link ParsedMessage}. Never throws for bad input: unknown charsets fall back,
 * broken structure degrades to the raw text, and nesting is capped so hostile mail cannot exhaust the stack.
 */
public class MessageParser {

    static final int MAX_DEPTH = 20;
    static final int MAX_PARTS = 500;
    private static final Pattern MESSAGE_ID = Pattern.compile("<([^<>\\s]+)>");
    private static final Pattern META_CHARSET =
            Pattern.compile("<meta[^>]+charset=[\"']?([A-Za-z0-9_.:-]+)", Pattern.CASE_INSENSITIVE);

    private final Session session;

    public MessageParser() {
        Properties props = new Properties();
        // Real mail breaks the rules; read what can be read instead of refusing it.
        props.setProperty("mail.mime.address.strict", "false");
        props.setProperty("mail.mime.decodetext.strict", "false");
        props.setProperty("mail.mime.parameters.strict", "false");
        props.setProperty("mail.mime.multipart.allowempty", "true");
        props.setProperty("mail.mime.multipart.ignoremissingendboundary", "true");
        props.setProperty("mail.mime.base64.ignoreerrors", "true");
        props.setProperty("mail.mime.uudecode.ignoreerrors", "true");
        props.setProperty("mail.mime.ignoreunknownencoding", "true");
        this.session = Session.getInstance(props);
    }

    public ParsedMessage parse(byte[] raw) {
        MimeMessage mime;
        try {
            mime = new MimeMessage(session, new ByteArrayInputStream(raw));
        } catch (MessagingException e) {
            throw new UnreadableMessageException("the message headers cannot be read: " + e.getMessage(), e);
        }
        String messageId = firstId(header(mime, "Message-ID"));
        if (messageId == null) {
            messageId = "sha256." + Hashes.sha256(raw).substring(0, 32) + "@rapport.invalid";
        }
        Bodies bodies = new Bodies();
        try {
            collect(mime, bodies, 0);
        } catch (MessagingException | IOException | RuntimeException e) {
            bodies.failure = e;
        }
        if (bodies.text == null && bodies.html == null && bodies.failure != null) {
            bodies.text = bodyAfterHeaders(raw);
        }
        String text = bodies.text != null ? bodies.text : bodies.html != null ? HtmlText.toText(bodies.html) : "";
        // One line ending everywhere after parsing, so stored text, new text and quotes line up.
        text = text.replace("\r\n", "\n").replace('\r', '\n');
        InternetAddress from = from(mime);
        return new ParsedMessage(messageId, references(mime), from == null ? null : address(from),
                from == null ? null : cleanName(from.getPersonal()), recipients(mime), subject(mime), date(mime),
                text.strip(), bodies.html, Automation.reason(mime, from == null ? null : address(from)));
    }

    private static final class Bodies {
        String text;
        String html;
        int parts;
        Exception failure;
    }

    private void collect(Part part, Bodies bodies, int depth) throws MessagingException, IOException {
        if (depth > MAX_DEPTH || ++bodies.parts > MAX_PARTS) {
            return;
        }
        String disposition = part.getDisposition();
        boolean attachment = Part.ATTACHMENT.equalsIgnoreCase(disposition);
        ContentType type = contentType(part);
        if (type.match("multipart/*")) {
            Object content = part.getContent();
            if (content instanceof Multipart multipart) {
                for (int i = 0; i < multipart.getCount() && bodies.parts <= MAX_PARTS; i++) {
                    BodyPart child = multipart.getBodyPart(i);
                    collect(child, bodies, depth + 1);
                }
            }
        } else if (type.match("message/rfc822") || attachment) {
            // Forwarded mail and attachments are not this message's own body.
        } else if (type.match("text/plain") && bodies.text == null) {
            bodies.text = decode(part, type, false);
        } else if (type.match("text/html") && bodies.html == null) {
            bodies.html = decode(part, type, true);
        }
    }

    private static ContentType contentType(Part part) {
        try {
            return new ContentType(part.getContentType());
        } catch (MessagingException | RuntimeException e) {
            return new ContentType("text", "plain", null);
        }
    }

    /** Decodes a text part: the declared charset when it is real and fits, else UTF-8 when valid, else windows-1252. */
    static String decode(Part part, ContentType type, boolean html) throws MessagingException, IOException {
        byte[] bytes;
        try (InputStream in = part.getInputStream()) {
            bytes = in.readAllBytes();
        } catch (IOException e) {
            // Broken transfer encoding: fall back to the undecoded bytes rather than losing the part.
            bytes = rawContent(part);
        }
        String declared = type.getParameter("charset");
        if (declared == null && html) {
            Matcher m = META_CHARSET.matcher(new String(bytes, 0, Math.min(bytes.length, 4096), StandardCharsets.ISO_8859_1));
            if (m.find()) {
                declared = m.group(1);
            }
        }
        return decodeBytes(bytes, declared);
    }

    private static byte[] rawContent(Part part) throws MessagingException, IOException {
        InputStream in = switch (part) {
            case jakarta.mail.internet.MimeBodyPart body -> body.getRawInputStream();
            case MimeMessage message -> message.getRawInputStream();
            default -> InputStream.nullInputStream();
        };
        try (in) {
            return in.readAllBytes();
        }
    }

    static String decodeBytes(byte[] bytes, String declared) {
        Charset charset = charset(declared);
        if (charset != null && !isAscii(charset)) {
            String strict = strictDecode(bytes, charset);
            if (strict != null) {
                return strict;
            }
        }
        String utf8 = strictDecode(bytes, StandardCharsets.UTF_8);
        if (utf8 != null) {
            return utf8;
        }
        return new String(bytes, Charset.forName("windows-1252"));
    }

    private static boolean isAscii(Charset charset) {
        return charset.equals(StandardCharsets.US_ASCII);
    }

    private static Charset charset(String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        String javaName = MimeUtility.javaCharset(name.trim().replace("\"", ""));
        try {
            Charset cs = Charset.forName(javaName);
            // Senders who say latin-1 almost always mean windows-1252 (curly quotes, euro sign).
            return cs.equals(StandardCharsets.ISO_8859_1) ? Charset.forName("windows-1252") : cs;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String strictDecode(byte[] bytes, Charset charset) {
        try {
            return charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static String bodyAfterHeaders(byte[] raw) {
        String all = decodeBytes(raw, null);
        int split = all.indexOf("\r\n\r\n");
        int skip = 4;
        if (split < 0) {
            split = all.indexOf("\n\n");
            skip = 2;
        }
        return split < 0 ? "" : all.substring(split + skip);
    }

    private static String header(MimeMessage mime, String name) {
        try {
            return mime.getHeader(name, " ");
        } catch (MessagingException e) {
            return null;
        }
    }

    static String firstId(String header) {
        if (header == null) {
            return null;
        }
        Matcher m = MESSAGE_ID.matcher(header);
        if (m.find()) {
            return m.group(1);
        }
        String bare = header.trim();
        return bare.isEmpty() || bare.contains(" ") ? null : bare;
    }

    private static List<String> references(MimeMessage mime) {
        Set<String> ids = new LinkedHashSet<>();
        for (String h : new String[] {header(mime, "References"), header(mime, "In-Reply-To")}) {
            if (h != null) {
                Matcher m = MESSAGE_ID.matcher(h);
                while (m.find() && ids.size() < 100) {
                    ids.add(m.group(1));
                }
            }
        }
        // In-Reply-To names the direct parent: keep it last even when References listed it earlier.
        String parent = firstId(header(mime, "In-Reply-To"));
        if (parent != null) {
            ids.remove(parent);
            ids.add(parent);
        }
        return List.copyOf(ids);
    }

    private static InternetAddress from(MimeMessage mime) {
        try {
            Address[] from = mime.getFrom();
            if (from != null && from.length > 0 && from[0] instanceof InternetAddress ia) {
                return ia;
            }
        } catch (MessagingException e) {
            String raw = header(mime, "From");
            if (raw != null) {
                try {
                    InternetAddress[] lax = InternetAddress.parseHeader(raw, false);
                    return lax.length > 0 ? lax[0] : null;
                } catch (AddressException ignored) {
                    return null;
                }
            }
        }
        return null;
    }

    private static String address(InternetAddress a) {
        String address = a.getAddress();
        return address == null ? null : address.trim().toLowerCase(Locale.ROOT);
    }

    private static String cleanName(String name) {
        if (name == null) {
            return null;
        }
        String clean = name.replaceAll("[\\p{Cntrl}]", "").strip();
        return clean.isEmpty() ? null : clean;
    }

    private static List<String> recipients(MimeMessage mime) {
        List<String> to = new ArrayList<>();
        for (String h : new String[] {"To", "Cc"}) {
            String raw = header(mime, h);
            if (raw == null) {
                continue;
            }
            try {
                for (InternetAddress a : InternetAddress.parseHeader(raw, false)) {
                    if (a.getAddress() != null && to.size() < 200) {
                        to.add(a.getAddress().trim().toLowerCase(Locale.ROOT));
                    }
                }
            } catch (AddressException ignored) {
                // An unreadable recipient list is not a reason to lose the message.
            }
        }
        return List.copyOf(to);
    }

    private static String subject(MimeMessage mime) {
        try {
            String s = mime.getSubject();
            return s == null ? "" : s.replaceAll("[\\r\\n\\t]+", " ").replaceAll("\\p{Cntrl}", "").strip();
        } catch (MessagingException e) {
            String raw = header(mime, "Subject");
            return raw == null ? "" : raw.strip();
        }
    }

    private static Instant date(MimeMessage mime) {
        try {
            java.util.Date d = mime.getSentDate();
            return d == null ? null : d.toInstant();
        } catch (MessagingException e) {
            return null;
        }
    }
}
