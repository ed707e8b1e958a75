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
    /** Boundary lines read before the rest is dropped; a million-part bomb would otherwise be a million objects. */
    static final int MAX_BOUNDARY_LINES = 2_000;
    static final int MAX_HEADER_CHARS = 2_000;
    private static final Pattern ADDRESS_IN_NAME = Pattern.compile("[\\w.+-]+@[\\w-]+(?:\\.[\\w-]+)+");
    private static final Pattern MESSAGE_ID = Pattern.compile("<([^<>\\s]+)>");
    private static final Pattern META_CHARSET =
            Pattern.compile("<meta[^>]+charset=[\"']?([A-Za-z0-9_.:-]+)", Pattern.CASE_INSENSITIVE);

    private final Session session;

    static {
        // Without this, the mail library looks its stream provider up with a ServiceLoader scan of the whole
        // class path for every message and part; naming it makes that a plain class lookup.
        if (System.getProperty("jakarta.mail.util.StreamProvider") == null) {
            System.setProperty("jakarta.mail.util.StreamProvider", "org.eclipse.angus.mail.util.MailStreamProvider");
        }
    }

    public MessageParser() {
        Properties props = new Properties();
        // Real mail breaks the rules; read what can be read instead of refusing it.
        props.setProperty("mail.mime.address.strict", "false");
        props.setProperty("mail.mime.decodetext.strict", "false");
        props.setProperty("mail.mime.parameters.strict", "false");
        // (The library reads its multipart settings from system properties only: by default a missing end
        // boundary is tolerated, and a multipart without any boundary is an error, after which the body is read
        // as the text after the headers.)
        props.setProperty("mail.mime.base64.ignoreerrors", "true");
        props.setProperty("mail.mime.uudecode.ignoreerrors", "true");
        props.setProperty("mail.mime.ignoreunknownencoding", "true");
        this.session = Session.getInstance(props);
    }

    /** Reads the message and finds its new text. */
    public ParsedMessage parse(byte[] raw) {
        return read(raw).withNewText();
    }

    /**
     * Reads headers and bodies without looking for the new text (the bulk import finds it as a stage of its own).
     *
     * @throws UnreadableMessageException when the bytes are not a mail message at all
     */
    public ParsedMessage read(byte[] raw) {
        return read(raw, false);
    }

    /**
     * {@link #read(byte[])} for storing a message: an HTML part beside a text part with words in it is noted
     * ({@link ParsedMessage#hasHtml()}) but not decoded, as nothing stored is made from it then (the new text
     * comes from the text part, and a page that shows the HTML reads it from the raw bytes).
     */
    public ParsedMessage readForStorage(byte[] raw) {
        return read(raw, true);
    }

    private ParsedMessage read(byte[] raw, boolean htmlOnlyWhenNeeded) {
        // The stream provider named above is found through the context class loader; pool threads (fork-join,
        // executors) may carry one that cannot see the application's libraries.
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        ClassLoader own = MessageParser.class.getClassLoader();
        if (before != own) {
            thread.setContextClassLoader(own);
        }
        try {
            return readWithLoader(raw, htmlOnlyWhenNeeded);
        } finally {
            if (before != own) {
                thread.setContextClassLoader(before);
            }
        }
    }

    private ParsedMessage readWithLoader(byte[] raw, boolean htmlOnlyWhenNeeded) {
        refuseNonMail(raw);
        List<String> warnings = new ArrayList<>();
        byte[] readable = capBoundaries(raw, warnings);
        MimeMessage mime;
        try {
            // A shared stream lets the message and its parts point into these bytes instead of copying them.
            mime = new HeaderFastMessage(session, new Bytes(readable));
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
        if (bodies.htmlPart != null && (!htmlOnlyWhenNeeded || bodies.text == null || bodies.text.isBlank())) {
            try {
                bodies.html = decode(bodies.htmlPart, bodies.htmlType, true);
            } catch (MessagingException | IOException | RuntimeException e) {
                bodies.failure = bodies.failure != null ? bodies.failure : e;
            }
        }
        if (bodies.text == null && bodies.html == null && bodies.failure != null) {
            bodies.text = bodyAfterHeaders(raw);
        }
        if (bodies.failure != null) {
            warnings.add("part of the body could not be read: " + bodies.failure.getClass().getSimpleName());
        }
        if (bodies.parts > MAX_PARTS) {
            warnings.add("more than " + MAX_PARTS + " MIME parts: only the first were read");
        }
        boolean fromHtml = bodies.text == null && bodies.html != null;
        // One line ending everywhere after parsing, so stored text, new text and quotes line up: the decoded parts
        // come that way (see decode), and so does text made from HTML.
        String text = bodies.text != null ? bodies.text : bodies.html != null ? unixLines(HtmlText.toText(bodies.html)) : "";
        String rawFrom = header(mime, "From");
        if (rawFrom != null && rawFrom.indexOf('\0') >= 0) {
            warnings.add("the From header contains a NUL character");
        }
        InternetAddress from = from(mime);
        String fromAddress = from == null ? null : address(from);
        String fromName = from == null ? null : cleanName(eightBit(from.getPersonal()));
        spoofedName(fromName, fromAddress).ifPresent(warnings::add);
        String subject = subject(mime);
        return new ParsedMessage(noNul(messageId), references(mime), noNul(fromAddress), fromName, recipients(mime),
                subject, date(mime), text.strip(), bodies.html, bodies.htmlPart != null,
                Automation.reason(mime, fromAddress, subject), fromHtml, null, List.copyOf(warnings));
    }

    /**
     * Header sections are read from the array itself ({@link ArrayHeaders}) unless a system property asks the mail
     * library to read them its own other way (as UTF-8, or with lines of blanks as empty).
     */
    private static final boolean ARRAY_HEADERS = !Boolean.getBoolean("mail.mime.allowutf8")
            && !Boolean.getBoolean("mail.mime.ignorewhitespacelines");

    /**
     * The message's bytes, shared with its parts (no copies): every part's stream is one of these too, so its
     * header section can be read from the array.
     */
    private static final class Bytes extends jakarta.mail.util.SharedByteArrayInputStream {
        Bytes(byte[] bytes) {
            super(bytes);
        }

        private Bytes(byte[] bytes, int offset, int length) {
            super(bytes, offset, length);
        }

        byte[] array() {
            return buf;
        }

        /** Where this stream's bytes begin and end in {@link #array()}, and where it stands. */
        int first() {
            return start;
        }

        int end() {
            return count;
        }

        int at() {
            return pos;
        }

        /** Reads the header section that starts here, and stands after it. */
        ArrayHeaders headers() throws MessagingException {
            ArrayHeaders headers = new ArrayHeaders();
            synchronized (this) {
                pos = headers.load(buf, pos, count);
            }
            return headers;
        }

        @Override
        public InputStream newStream(long from, long to) {
            // As the parent does, but the part's stream is one of these.
            if (from < 0) {
                throw new IllegalArgumentException("start < 0");
            }
            long end = to == -1 ? count - start : to;
            return new Bytes(buf, start + (int) from, (int) (end - from));
        }
    }

    /**
     * A header section read straight from the array, line by line as {@link jakarta.mail.internet.InternetHeaders}
     * reads one from a stream: the same line ends (LF, CRLF, a lone CR, CR CR LF), the same unfolding and the same
     * Latin-1 characters. The stream reader takes each byte through a synchronized call, which made header sections
     * (of the message and of every part) a large share of all parsing.
     */
    static final class ArrayHeaders extends jakarta.mail.internet.InternetHeaders {

        ArrayHeaders() throws MessagingException {
            // As a section read from a stream starts: an empty list (the empty constructor would fill it with
            // placeholders for the usual headers in their usual order, thirty objects thrown away every time).
            super(InputStream.nullInputStream(), false);
        }

        /** Reads the section in {@code buf[from, to)}; returns where the body starts (after the empty line). */
        int load(byte[] buf, int from, int to) {
            int p = from;
            String previous = null;
            StringBuilder folded = new StringBuilder();
            boolean first = true;
            String line;
            do {
                if (p >= to) {
                    line = null;
                } else {
                    int begin = p;
                    p = lineEnd(buf, p, to);
                    line = new String(buf, begin, p - begin, StandardCharsets.ISO_8859_1);
                    p = afterLineEnd(buf, p, to);
                }
                if (line != null && (line.startsWith(" ") || line.startsWith("\t"))) {
                    if (previous != null) {
                        folded.append(previous);
                        previous = null;
                    }
                    if (first) {
                        String trimmed = line.trim();
                        if (!trimmed.isEmpty()) {
                            folded.append(trimmed);
                        }
                    } else {
                        if (!folded.isEmpty()) {
                            folded.append("\r\n");
                        }
                        folded.append(line);
                    }
                } else {
                    if (previous != null) {
                        addHeaderLine(previous);
                    } else if (!folded.isEmpty()) {
                        addHeaderLine(folded.toString());
                        folded.setLength(0);
                    }
                    previous = line;
                }
                first = false;
            } while (line != null && !line.isEmpty());
            return p;
        }

        /** Where the line that starts at {@code p} ends (its CR or LF, or {@code to}). */
        static int lineEnd(byte[] buf, int p, int to) {
            while (p < to && buf[p] != '\n' && buf[p] != '\r') {
                p++;
            }
            return p;
        }

        /** Past the line end at {@code p}: LF, CRLF or CR CR LF; a CR followed by anything else ends only itself. */
        static int afterLineEnd(byte[] buf, int p, int to) {
            if (p >= to) {
                return p;
            }
            if (buf[p] == '\n') {
                return p + 1;
            }
            int q = p + 1;
            if (q < to && buf[q] == '\r') {
                q++;
            }
            return q < to && buf[q] == '\n' ? q + 1 : p + 1;
        }
    }

    /** A message whose header section is read from its array. */
    private static final class HeaderFastMessage extends MimeMessage {
        HeaderFastMessage(Session session, Bytes bytes) throws MessagingException {
            super(session, bytes);
        }

        @Override
        protected jakarta.mail.internet.InternetHeaders createInternetHeaders(InputStream is)
                throws MessagingException {
            return ARRAY_HEADERS && is instanceof Bytes bytes ? bytes.headers() : super.createInternetHeaders(is);
        }
    }

    /**
     * A multipart split in the array, with the rules of the mail library's reader for a shared stream (where an end
     * boundary may be missing, the library's default), so the parts come out the same: the preamble ends at the
     * first line that is the boundary (trailing blanks ignored), and without one the multipart is empty or an error,
     * as the library is configured; a part's header section ends at its first empty line (a part without one, at
     * the end of the data, is dropped); a part ends at the next occurrence of the boundary that starts the part's
     * content or follows a line end (which it takes along) and is followed by "--", or by blanks and a line end;
     * without one, at the end of the data. The library reads the same through a window it moves byte by byte, a
     * synchronized call at a time.
     */
    static final class ArrayMultipart extends jakarta.mail.internet.MimeMultipart {
        private static final int MAX_BOUNDARY = 200;

        ArrayMultipart(jakarta.activation.DataSource source) throws MessagingException {
            super(source);
        }

        @Override
        protected synchronized void parse() throws MessagingException {
            if (parsed) {
                return;
            }
            initializeProperties();
            String parameter = new ContentType(contentType).getParameter("boundary");
            InputStream stream = ARRAY_HEADERS && parameter != null && ignoreMissingEndBoundary
                    && !ignoreExistingBoundaryParameter && parameter.length() <= MAX_BOUNDARY && latin1(parameter)
                    ? stream() : null;
            if (!(stream instanceof Bytes bytes)) {
                // The library's own reader for the rest: no boundary given, other settings, a boundary far beyond
                // the 70 characters the standard allows, or a stream that is decoded rather than the array's.
                super.parse();
                return;
            }
            List<jakarta.mail.internet.MimeBodyPart> found = split(bytes, ("--" + parameter)
                    .getBytes(StandardCharsets.ISO_8859_1));
            parsed = true;
            for (jakarta.mail.internet.MimeBodyPart part : found) {
                addBodyPart(part);
            }
        }

        private InputStream stream() {
            try {
                return ds.getInputStream();
            } catch (IOException | RuntimeException e) {
                return null;
            }
        }

        private static boolean latin1(String s) {
            for (int i = 0; i < s.length(); i++) {
                if (s.charAt(i) > 0xff) {
                    return false;
                }
            }
            return true;
        }

        private List<jakarta.mail.internet.MimeBodyPart> split(Bytes bytes, byte[] boundary)
                throws MessagingException {
            byte[] buf = bytes.array();
            int limit = bytes.end();
            List<jakarta.mail.internet.MimeBodyPart> found = new ArrayList<>();
            int p = afterPreamble(buf, bytes.at(), limit, boundary);
            if (p < 0) {
                if (allowEmpty) {
                    return found;
                }
                throw new jakarta.mail.internet.ParseException("Missing start boundary");
            }
            int[] shifts = shifts(boundary);
            int base = bytes.first();
            while (true) {
                int partStart = p;
                int content = afterHeaderSection(buf, p, limit);
                if (content < 0) {
                    complete = false;
                    return found;
                }
                Boundary end = partEnd(buf, content, limit, boundary, shifts);
                if (end == null) {
                    complete = false;
                    found.add(new ArrayBodyPart((Bytes) bytes.newStream(partStart - base, limit - base)));
                    return found;
                }
                found.add(new ArrayBodyPart((Bytes) bytes.newStream(partStart - base, end.partEnd() - base)));
                if (end.last()) {
                    complete = true;
                    return found;
                }
                p = end.next();
            }
        }

        /**
         * Reads the preamble up to the first boundary line (trailing blanks ignored) and keeps it as the library
         * does; returns where the first part starts, or -1 when there is none (no boundary line, or only the last).
         */
        private int afterPreamble(byte[] buf, int p, int limit, byte[] boundary) {
            StringBuilder preface = null;
            int first = -1;
            while (p < limit) {
                int begin = p;
                int end = ArrayHeaders.lineEnd(buf, p, limit);
                p = ArrayHeaders.afterLineEnd(buf, end, limit);
                while (end > begin && (buf[end - 1] == ' ' || buf[end - 1] == '\t')) {
                    end--;
                }
                int length = end - begin;
                if (length == boundary.length && startsWith(buf, begin, boundary)) {
                    first = p;
                    break;
                }
                if (length == boundary.length + 2 && startsWith(buf, begin, boundary)
                        && buf[end - 1] == '-' && buf[end - 2] == '-') {
                    break;
                }
                if (length > 0) {
                    if (preface == null) {
                        preface = new StringBuilder(length + 2);
                    }
                    preface.append(new String(buf, begin, length, StandardCharsets.ISO_8859_1))
                            .append(System.lineSeparator());
                }
            }
            if (preface != null) {
                preamble = preface.toString();
            }
            return first;
        }

        /** Where the content after the header section at {@code p} starts, or -1 when no empty line ends it. */
        private static int afterHeaderSection(byte[] buf, int p, int limit) {
            while (p < limit) {
                int end = ArrayHeaders.lineEnd(buf, p, limit);
                boolean empty = end == p;
                p = ArrayHeaders.afterLineEnd(buf, end, limit);
                if (empty) {
                    return p;
                }
            }
            return -1;
        }

        /** A boundary line found: where the part before it ends, and where the next part starts (-1: none). */
        private record Boundary(int partEnd, int next) {
            boolean last() {
                return next < 0;
            }
        }

        /** The boundary that ends the part whose content starts at {@code content}, or null when none does. */
        private static Boundary partEnd(byte[] buf, int content, int limit, byte[] boundary, int[] shifts) {
            for (int at = content; (at = indexOf(buf, boundary, shifts, at, limit)) >= 0; at++) {
                int eol = 0;
                if (at > content && (buf[at - 1] == '\n' || buf[at - 1] == '\r')) {
                    eol = buf[at - 1] == '\n' && at - 2 >= content && buf[at - 2] == '\r' ? 2 : 1;
                }
                if (at != content && eol == 0) {
                    continue;
                }
                int q = at + boundary.length;
                if (q + 1 < limit && buf[q] == '-' && buf[q + 1] == '-') {
                    return new Boundary(at - eol, -1);
                }
                while (q < limit && (buf[q] == ' ' || buf[q] == '\t')) {
                    q++;
                }
                if (q < limit && (buf[q] == '\n' || buf[q] == '\r')) {
                    int next = buf[q] == '\r' && q + 1 < limit && buf[q + 1] == '\n' ? q + 2 : q + 1;
                    return new Boundary(at - eol, next);
                }
            }
            return null;
        }

        private static boolean startsWith(byte[] buf, int at, byte[] prefix) {
            return java.util.Arrays.equals(buf, at, at + prefix.length, prefix, 0, prefix.length);
        }

        /** How far the search may move on when the byte under the needle's last position is a given one. */
        private static int[] shifts(byte[] needle) {
            int[] shifts = new int[256];
            java.util.Arrays.fill(shifts, needle.length);
            for (int i = 0; i < needle.length - 1; i++) {
                shifts[needle[i] & 0xff] = needle.length - 1 - i;
            }
            return shifts;
        }

        /**
         * The first {@code needle} that starts at or after {@code from} and ends by {@code limit}, or -1: the bytes
         * are looked at about once per needle length (Horspool's search), not one by one.
         */
        private static int indexOf(byte[] buf, byte[] needle, int[] shifts, int from, int limit) {
            int last = needle.length - 1;
            byte tail = needle[last];
            for (int i = from; i + last < limit; ) {
                byte b = buf[i + last];
                if (b == tail && startsWith(buf, i, needle)) {
                    return i;
                }
                i += shifts[b & 0xff];
            }
            return -1;
        }

        @Override
        protected jakarta.mail.internet.MimeBodyPart createMimeBodyPart(InputStream is) throws MessagingException {
            return ARRAY_HEADERS && is instanceof Bytes bytes ? new ArrayBodyPart(bytes) : super.createMimeBodyPart(is);
        }
    }

    /** As {@code new MimeBodyPart(stream)}: the header section, then the rest of the stream as the content. */
    private static final class ArrayBodyPart extends jakarta.mail.internet.MimeBodyPart {
        ArrayBodyPart(Bytes bytes) throws MessagingException {
            super(bytes.headers(), null);
            contentStream = bytes.newStream(bytes.getPosition(), -1);
        }
    }

    /** The message's body as a multipart split by {@link ArrayMultipart} (for tests that compare it with the library). */
    jakarta.mail.internet.MimeMultipart multipartOf(byte[] raw) throws MessagingException {
        MimeMessage message = new HeaderFastMessage(session, new Bytes(raw));
        return new ArrayMultipart(new jakarta.mail.internet.MimePartDataSource(message));
    }

    /** Empty input or input that does not start with a header field is not mail; it is kept raw and quarantined. */
    private static void refuseNonMail(byte[] raw) {
        if (raw.length == 0) {
            throw new UnreadableMessageException("the message is empty", null);
        }
        int i = 0;
        while (i < raw.length && i < 998 && raw[i] != ':' && raw[i] != '\n' && raw[i] > 32 && raw[i] < 127) {
            i++;
        }
        boolean mboxFrom = raw.length > 5 && new String(raw, 0, 5, StandardCharsets.ISO_8859_1).equals("From ");
        if (!mboxFrom && (i == 0 || i >= raw.length || raw[i] != ':')) {
            throw new UnreadableMessageException("it does not start with a mail header (not an RFC 5322 message)", null);
        }
    }

    /**
     * Cuts the bytes after the {@value #MAX_BOUNDARY_LINES}th line that starts with "--", so a message with a
     * huge number of parts is read as its first parts (the raw bytes on disk stay whole).
     */
    static byte[] capBoundaries(byte[] raw, List<String> warnings) {
        if ((raw.length + 1) / 3 <= MAX_BOUNDARY_LINES) {
            // each such line takes three bytes at least ("--" and a line end): too short to hold more
            return raw;
        }
        int n = raw.length;
        int count = raw[0] == '-' && raw[1] == '-' ? 1 : 0;
        // Looks for "\n--" by the byte under the end of the window, which mostly lets it move on by three.
        int j = 2;
        while (j + 1 < n) {
            byte b = raw[j];
            if (b == '-') {
                if (raw[j - 1] == '-' && raw[j - 2] == '\n' && ++count > MAX_BOUNDARY_LINES) {
                    warnings.add("more than " + MAX_BOUNDARY_LINES + " MIME boundaries: only the first parts were read");
                    return java.util.Arrays.copyOf(raw, j - 1);
                }
                j += 1;
            } else {
                j += b == '\n' ? 2 : 3;
            }
        }
        return raw;
    }

    /** Flags a display name that shows an address other than the one the mail really comes from. */
    static java.util.Optional<String> spoofedName(String name, String address) {
        if (name == null || address == null) {
            return java.util.Optional.empty();
        }
        Matcher m = ADDRESS_IN_NAME.matcher(name);
        while (m.find()) {
            if (!m.group().equalsIgnoreCase(address)) {
                return java.util.Optional.of("the sender's name shows the address " + m.group()
                        + " but the mail comes from " + address);
            }
        }
        return java.util.Optional.empty();
    }

    /**
     * Headers with raw 8-bit bytes arrive as ISO-8859-1 characters; read those bytes again as UTF-8 when they
     * are valid UTF-8, else as windows-1252.
     */
    static String eightBit(String value) {
        if (value == null) {
            return null;
        }
        boolean high = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c > 0xff) {
                return value;
            }
            high |= c >= 0x80;
        }
        return high ? decodeBytes(value.getBytes(StandardCharsets.ISO_8859_1), null) : value;
    }

    private static String noNul(String s) {
        return s == null || s.indexOf('\0') < 0 ? s : s.replace("\0", "");
    }

    private static final class Bodies {
        String text;
        String html;
        Part htmlPart;
        ContentType htmlType;
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
            // Straight from the part's bytes: getContent() would look up a content handler for every part.
            Object content = part instanceof jakarta.mail.internet.MimePart mp
                    ? new ArrayMultipart(new jakarta.mail.internet.MimePartDataSource(mp))
                    : part.getContent();
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
        } else if (type.match("text/html") && bodies.htmlPart == null) {
            // decoded once every part is seen, and only if needed (see readForStorage)
            bodies.htmlPart = part;
            bodies.htmlType = type;
        }
    }

    private static ContentType contentType(Part part) {
        try {
            return new ContentType(part.getContentType());
        } catch (MessagingException | RuntimeException e) {
            return new ContentType("text", "plain", null);
        }
    }

    /**
     * Decodes a text part: the declared charset when it is real and fits, else UTF-8 when valid, else windows-1252;
     * with "\n" for every line end and without NUL characters (see {@link #unixLines(String)}).
     */
    static String decode(Part part, ContentType type, boolean html) throws MessagingException, IOException {
        byte[] bytes = transferDecoded(part);
        String declared = type.getParameter("charset");
        if (declared == null && html) {
            Matcher m = META_CHARSET.matcher(new String(bytes, 0, Math.min(bytes.length, 4096), StandardCharsets.ISO_8859_1));
            if (m.find()) {
                declared = m.group(1);
            }
        }
        if (sharesAscii(charset(declared))) {
            // Every charset tried for these bytes reads CR, LF and NUL as those bytes: mend them before decoding,
            // in one pass over an array of the part's own, instead of passes over the decoded text.
            return decodeBytes(bytes, unixLines(bytes), declared);
        }
        return unixLines(decodeBytes(bytes, bytes.length, declared));
    }

    /** The text with "\n" for every CRLF and lone CR, and without NUL characters (which no database column takes). */
    static String unixLines(String text) {
        if (text.indexOf('\r') < 0 && text.indexOf('\0') < 0) {
            return text;
        }
        return text.replace("\r\n", "\n").replace('\r', '\n').replace("\0", "");
    }

    /**
     * {@link #unixLines(String)} on bytes of a charset that shares ASCII's CR, LF and NUL, in place: returns how
     * many of the bytes hold the result.
     */
    static int unixLines(byte[] bytes) {
        int n = bytes.length;
        int i = 0;
        while (i < n && bytes[i] != '\r' && bytes[i] != 0) {
            i++;
        }
        int w = i;
        for (; i < n; i++) {
            byte b = bytes[i];
            if (b == '\r') {
                bytes[w++] = '\n';
                if (i + 1 < n && bytes[i + 1] == '\n') {
                    i++;
                }
            } else if (b != 0) {
                bytes[w++] = b;
            }
        }
        return w;
    }

    /**
     * The part's bytes with its Content-Transfer-Encoding undone. Done here rather than by the mail library's
     * byte-at-a-time streams: base64 skips whatever is not base64 (broken encodings keep what is readable),
     * quoted-printable keeps malformed escapes as written, and an unknown encoding is read as it is.
     */
    private static byte[] transferDecoded(Part part) throws MessagingException, IOException {
        byte[] raw = rawContent(part);
        String encoding = encoding(part);
        if (encoding == null) {
            return raw;
        }
        return switch (encoding.toLowerCase(Locale.ROOT)) {
            case "base64" -> base64(raw);
            case "quoted-printable" -> quotedPrintable(raw);
            default -> raw;
        };
    }

    static byte[] base64(byte[] encoded) {
        byte[] clean = new byte[encoded.length];
        int n = 0;
        for (byte b : encoded) {
            if (b >= 'A' && b <= 'Z' || b >= 'a' && b <= 'z' || b >= '0' && b <= '9' || b == '+' || b == '/') {
                clean[n++] = b;
            } else if (b == '=') {
                break;
            } else if (b != '\r' && b != '\n' && b != ' ' && b != '\t') {
                break;
            }
        }
        n -= n % 4;
        return java.util.Base64.getDecoder().decode(java.util.Arrays.copyOf(clean, n));
    }

    static byte[] quotedPrintable(byte[] encoded) {
        byte[] out = new byte[encoded.length];
        int n = 0;
        for (int i = 0; i < encoded.length; i++) {
            byte b = encoded[i];
            if (b != '=') {
                out[n++] = b;
                continue;
            }
            if (i + 1 < encoded.length && encoded[i + 1] == '\n') {
                i += 1;
            } else if (i + 2 < encoded.length && encoded[i + 1] == '\r' && encoded[i + 2] == '\n') {
                i += 2;
            } else if (i + 2 < encoded.length && hex(encoded[i + 1]) >= 0 && hex(encoded[i + 2]) >= 0) {
                out[n++] = (byte) (hex(encoded[i + 1]) << 4 | hex(encoded[i + 2]));
                i += 2;
            } else {
                out[n++] = b;
            }
        }
        return java.util.Arrays.copyOf(out, n);
    }

    private static int hex(byte b) {
        if (b >= '0' && b <= '9') {
            return b - '0';
        }
        if (b >= 'A' && b <= 'F') {
            return b - 'A' + 10;
        }
        if (b >= 'a' && b <= 'f') {
            return b - 'a' + 10;
        }
        return -1;
    }

    private static String encoding(Part part) {
        try {
            return part instanceof jakarta.mail.internet.MimePart mp && mp.getEncoding() != null ? mp.getEncoding().trim() : null;
        } catch (MessagingException e) {
            return null;
        }
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
        return decodeBytes(bytes, bytes.length, declared);
    }

    /** {@link #decodeBytes(byte[], String)} of the first {@code n} bytes. */
    private static String decodeBytes(byte[] bytes, int n, String declared) {
        Charset charset = charset(declared);
        boolean high = hasHighBytes(bytes, n);
        if (sharesAscii(charset) && !high) {
            // Plain ASCII reads the same in every one of these charsets: no decoder needed.
            return new String(bytes, 0, n, StandardCharsets.ISO_8859_1);
        }
        if (charset != null && !isAscii(charset) && charset.newEncoder().maxBytesPerChar() == 1f && high) {
            // A lying label: multi-byte UTF-8 that says it is latin-1 would otherwise turn into "Ã¼".
            String utf8 = strictDecode(bytes, n, StandardCharsets.UTF_8);
            if (utf8 != null) {
                return utf8;
            }
        }
        if (charset != null && !isAscii(charset)) {
            String strict = strictDecode(bytes, n, charset);
            if (strict != null) {
                return strict;
            }
        }
        String utf8 = strictDecode(bytes, n, StandardCharsets.UTF_8);
        if (utf8 != null) {
            return utf8;
        }
        return new String(bytes, 0, n, Charset.forName("windows-1252"));
    }

    private static boolean hasHighBytes(byte[] bytes, int n) {
        for (int i = 0; i < n; i++) {
            if (bytes[i] < 0) {
                return true;
            }
        }
        return false;
    }

    /** No charset named, or one that reads bytes below 0x80 as ASCII (not UTF-7, ISO-2022 or EBCDIC, say). */
    private static boolean sharesAscii(Charset charset) {
        if (charset == null) {
            return true;
        }
        String name = charset.name();
        return charset.equals(StandardCharsets.UTF_8) || charset.equals(StandardCharsets.US_ASCII)
                || name.startsWith("windows-125") || name.startsWith("ISO-8859-") || name.startsWith("KOI8-");
    }

    private static boolean isAscii(Charset charset) {
        return charset.equals(StandardCharsets.US_ASCII);
    }

    private static final java.util.Map<String, java.util.Optional<Charset>> CHARSETS = new java.util.concurrent.ConcurrentHashMap<>();

    private static Charset charset(String name) {
        if (name == null || name.isBlank() || name.length() > 100) {
            return null;
        }
        // Looking up a name the JVM does not know scans every charset provider on the class path: cache it.
        String key = name.trim().toLowerCase(Locale.ROOT);
        java.util.Optional<Charset> known = CHARSETS.get(key);
        if (known == null) {
            known = lookUp(key);
            if (CHARSETS.size() < 1_000) {
                CHARSETS.put(key, known);
            }
        }
        return known.orElse(null);
    }

    private static java.util.Optional<Charset> lookUp(String name) {
        String javaName = MimeUtility.javaCharset(name.replace("\"", ""));
        try {
            Charset cs = Charset.forName(javaName);
            // Senders who say latin-1 almost always mean windows-1252 (curly quotes, euro sign).
            return java.util.Optional.of(cs.equals(StandardCharsets.ISO_8859_1) ? Charset.forName("windows-1252") : cs);
        } catch (IllegalArgumentException e) {
            return java.util.Optional.empty();
        }
    }


    private static String strictDecode(byte[] bytes, int n, Charset charset) {
        if (charset.equals(StandardCharsets.UTF_8)) {
            // Checked here rather than by a decoder that throws: most mail that is not UTF-8 comes this way first.
            return isUtf8(bytes, n) ? new String(bytes, 0, n, StandardCharsets.UTF_8) : null;
        }
        try {
            return charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, 0, n)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** Whether the bytes are well-formed UTF-8 (shortest forms only, no surrogates, nothing above U+10FFFF). */
    static boolean isUtf8(byte[] b) {
        return isUtf8(b, b.length);
    }

    private static boolean isUtf8(byte[] b, int n) {
        int i = 0;
        while (i < n) {
            int c = b[i] & 0xff;
            if (c < 0x80) {
                i++;
                continue;
            }
            int more;
            int min;
            if (c >= 0xc2 && c <= 0xdf) {
                more = 1;
                min = 0x80;
            } else if (c >= 0xe0 && c <= 0xef) {
                more = 2;
                min = 0x800;
            } else if (c >= 0xf0 && c <= 0xf4) {
                more = 3;
                min = 0x10000;
            } else {
                return false;
            }
            if (i + more >= n) {
                return false;
            }
            int cp = c & (0x3f >> more);
            for (int k = 1; k <= more; k++) {
                int d = b[i + k] & 0xff;
                if ((d & 0xc0) != 0x80) {
                    return false;
                }
                cp = cp << 6 | d & 0x3f;
            }
            if (cp < min || cp > 0x10ffff || cp >= 0xd800 && cp <= 0xdfff) {
                return false;
            }
            i += more + 1;
        }
        return true;
    }

    private static String bodyAfterHeaders(byte[] raw) {
        String all = unixLines(decodeBytes(raw, null));
        int split = all.indexOf("\n\n");
        return split < 0 ? "" : all.substring(split + 2);
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
        String clean = CONTROL.matcher(name).replaceAll("").strip();
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
            String raw = header(mime, "Subject");
            if (raw != null && raw.length() > 20 * MAX_HEADER_CHARS) {
                // A megabyte of encoded words is abuse, not a subject: read the start only.
                raw = raw.substring(0, 20 * MAX_HEADER_CHARS);
            }
            String s = raw == null ? null : MimeUtility.decodeText(MimeUtility.unfold(eightBit(raw)));
            return s == null ? "" : cap(CONTROL.matcher(LINE_BREAKS.matcher(s).replaceAll(" ")).replaceAll("").strip());
        } catch (java.io.UnsupportedEncodingException | RuntimeException e) {
            String raw = header(mime, "Subject");
            return raw == null ? "" : cap(CONTROL.matcher(eightBit(raw)).replaceAll(" ").strip());
        }
    }

    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");
    private static final Pattern LINE_BREAKS = Pattern.compile("[\\r\\n\\t]+");

    private static String cap(String s) {
        return s.length() <= MAX_HEADER_CHARS ? s : s.substring(0, MAX_HEADER_CHARS);
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
