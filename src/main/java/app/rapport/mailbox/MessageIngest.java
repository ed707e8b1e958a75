package app.rapport.mailbox;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Stores one raw message: bytes on disk first, then the parsed record, then {@link MessageStored}. Storing the
 * same bytes twice stores nothing the second time, so every fetch can be retried safely.
 */
@Service
public class MessageIngest {

    private static final Logger log = LoggerFactory.getLogger(MessageIngest.class);

    private final JdbcClient jdbc;
    private final RawMessageStore raw;
    private final MessageParser parser = new MessageParser();
    private final ApplicationEventPublisher events;
    private final Set<String> ownAddresses;
    private final Clock clock;

    MessageIngest(JdbcClient jdbc, RawMessageStore raw, ApplicationEventPublisher events, List<MailAccount> accounts,
                  Clock clock) {
        this.jdbc = jdbc;
        this.raw = raw;
        this.events = events;
        this.ownAddresses = accounts.stream().map(MailAccount::address).collect(Collectors.toUnmodifiableSet());
        this.clock = clock;
    }

    /** Where a message was fetched from, so a resync can tell what it already has. */
    public record Origin(String account, String folder, Long uid) {
        public static final Origin SENT_BY_RAPPORT = new Origin(null, null, null);
    }

    /**
     * Stores the message unless these exact bytes are stored already.
     *
     * @return the id of the newly stored message, or empty when it was already there
     */
    @Transactional
    public Optional<Long> store(byte[] bytes, Origin origin) {
        String sha = Hashes.sha256(bytes);
        Optional<Long> existing = jdbc.sql("select id from messages where sha256 = ?").param(sha).query(Long.class).optional();
        if (existing.isPresent()) {
            return Optional.empty();
        }
        raw.put(bytes);
        ParsedMessage parsed;
        try {
            parsed = parser.parse(bytes);
        } catch (UnreadableMessageException e) {
            log.warn("Message {} could not be read ({}); its raw bytes are kept", sha, e.getMessage());
            parsed = new ParsedMessage("sha256." + sha.substring(0, 32) + "@rapport.invalid", List.of(), null, null,
                    List.of(), "(unreadable message)", null, "", null, "unreadable: " + e.getMessage());
        }
        Direction direction = parsed.fromAddress() != null && ownAddresses.contains(parsed.fromAddress())
                ? Direction.OUTBOUND : Direction.INBOUND;
        long id = insert(parsed, direction, sha, bytes.length, origin);
        events.publishEvent(new MessageStored(id, direction));
        return Optional.of(id);
    }

    /**
     * Stores a message too large to read whole: its raw bytes are already in the raw store under {@code sha}, the
     * record is made from its header section, and its text says how large it is.
     *
     * @return the id of the newly stored message, or empty when it was already there
     */
    @Transactional
    public Optional<Long> storeOversized(String sha, long size, byte[] header, Origin origin) {
        if (jdbc.sql("select id from messages where sha256 = ?").param(sha).query(Long.class).optional().isPresent()) {
            return Optional.empty();
        }
        String note = "\r\n(This message is " + size + " bytes, more than Rapport reads as text;"
                + " the whole message is kept as it arrived.)\r\n";
        byte[] stub = new byte[header.length + note.length()];
        System.arraycopy(header, 0, stub, 0, header.length);
        System.arraycopy(note.getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, stub, header.length, note.length());
        ParsedMessage parsed;
        try {
            parsed = parser.parse(stub);
        } catch (UnreadableMessageException e) {
            parsed = new ParsedMessage("sha256." + sha.substring(0, 32) + "@rapport.invalid", List.of(), null, null,
                    List.of(), "(unreadable message)", null, "", null, "unreadable: " + e.getMessage());
        }
        // The stub has no real body: plain text only, so nothing reads it as the message's HTML.
        parsed = new ParsedMessage(parsed.messageId(), parsed.references(), parsed.fromAddress(), parsed.fromName(),
                parsed.toAddresses(), parsed.subject(), parsed.date(), parsed.text(), null, parsed.automated());
        Direction direction = parsed.fromAddress() != null && ownAddresses.contains(parsed.fromAddress())
                ? Direction.OUTBOUND : Direction.INBOUND;
        long id = insert(parsed, direction, sha, (int) Math.min(Integer.MAX_VALUE, size), origin);
        events.publishEvent(new MessageStored(id, direction));
        return Optional.of(id);
    }

    private long insert(ParsedMessage p, Direction direction, String sha, int size, Origin origin) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                insert into messages (sha256, message_id, direction, from_address, from_name, to_addresses, subject,
                  sent_at, stored_at, body_text, new_text, has_html, automated, size_bytes, account, folder, uid)
                values (:sha, :mid, :dir, :from, :name, :to, :subject, :sent, :stored, :text, :newText, :html,
                  :automated, :size, :account, :folder, :uid)""")
                .param("sha", sha)
                .param("mid", truncate(p.messageId(), 1000))
                .param("dir", direction.name())
                .param("from", truncate(p.fromAddress(), 320))
                .param("name", truncate(p.fromName(), 500))
                .param("to", truncate(String.join(",", p.toAddresses()), 4000))
                .param("subject", truncate(p.subject(), 2000))
                .param("sent", p.date() == null ? null : Timestamp.from(p.date()))
                .param("stored", Timestamp.from(Instant.now(clock)))
                .param("text", p.text())
                .param("newText", NewText.of(p.text()))
                .param("html", p.html() != null)
                .param("automated", truncate(p.automated(), 300))
                .param("size", size)
                .param("account", origin.account())
                .param("folder", origin.folder())
                .param("uid", origin.uid())
                .update(key, "id");
        long id = key.getKey().longValue();
        List<String> refs = p.references();
        for (int i = 0; i < refs.size(); i++) {
            jdbc.sql("insert into message_refs (message, position, ref_id) values (?, ?, ?)")
                    .params(id, i, truncate(refs.get(i), 1000)).update();
        }
        return id;
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
