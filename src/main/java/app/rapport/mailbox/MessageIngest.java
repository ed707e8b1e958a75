package app.rapport.mailbox;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Stores raw messages: bytes on disk first, then the parsed record (or, for mail that cannot be read, a
 * {@link Quarantine} entry with the reason). Storing the same bytes twice stores nothing the second time, so
 * every fetch and every import can be retried safely. {@link #store} is the live path and publishes
 * {@link MessageStored}; {@link #storeBatch} is the bulk import path and publishes nothing.
 */
@Service
public class MessageIngest {

    private static final Logger log = LoggerFactory.getLogger(MessageIngest.class);

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final RawMessageStore raw;
    private final MessageParser parser = new MessageParser();
    private final ApplicationEventPublisher events;
    private final MailAccounts accounts;
    private final Clock clock;

    MessageIngest(JdbcClient jdbc, JdbcTemplate template, RawMessageStore raw, ApplicationEventPublisher events,
                  MailAccounts accounts, Clock clock) {
        this.jdbc = jdbc;
        this.template = template;
        this.raw = raw;
        this.events = events;
        this.accounts = accounts;
        this.clock = clock;
    }

    /** Where a message was fetched from, so a resync can tell what it already has. */
    public record Origin(String account, String folder, Long uid) {
        public static final Origin SENT_BY_RAPPORT = new Origin(null, null, null);

        /** A message read from a file by an import. */
        public static Origin file(String path) {
            return new Origin("import", path, null);
        }
    }

    /**
     * One message read and parsed ahead of storing, so a bulk import can parse on every core and store in batches.
     * Exactly one of {@code parsed} and {@code quarantineReason} is set. {@code bytes} is null for a message too
     * large to hold in memory (see {@link #prepareOversized}): its raw bytes are already in the raw store.
     *
     * @param size the size of the whole message in bytes
     */
    public record Prepared(byte[] bytes, String sha256, ParsedMessage parsed, String quarantineReason, Origin origin,
                           long size) {

        public Prepared(byte[] bytes, String sha256, ParsedMessage parsed, String quarantineReason, Origin origin) {
            this(bytes, sha256, parsed, quarantineReason, origin, bytes == null ? 0 : bytes.length);
        }
    }

    /** A message that a batch stored, with what threading, customers and the index need to know about it. */
    public record Stored(long id, Direction direction, ParsedMessage parsed) {
    }

    /** What one batch did. */
    public record BatchResult(List<Stored> stored, int quarantined, int duplicates) {
    }

    /** Hashes and parses the bytes (new text included); never throws for bad mail, it prepares a quarantine. */
    public Prepared prepare(byte[] bytes, Origin origin) {
        return prepare(bytes, origin, null);
    }

    /**
     * As {@link #prepare(byte[], Origin)}, adding the nanoseconds spent parsing to {@code nanos[0]} and finding the
     * new text to {@code nanos[1]} (for the ingest benchmark); {@code nanos} may be null.
     */
    public Prepared prepare(byte[] bytes, Origin origin, long[] nanos) {
        return prepare(bytes, Hashes.sha256(bytes), origin, nanos);
    }

    private Prepared prepare(byte[] bytes, String sha, Origin origin, long[] nanos) {
        try {
            long start = System.nanoTime();
            ParsedMessage read = parser.readForStorage(bytes);
            long parsed = System.nanoTime();
            ParsedMessage withText = read.withNewText();
            if (nanos != null) {
                nanos[0] += parsed - start;
                nanos[1] += System.nanoTime() - parsed;
            }
            return new Prepared(bytes, sha, withText, null, origin);
        } catch (UnreadableMessageException e) {
            return new Prepared(bytes, sha, null, e.getMessage(), origin);
        } catch (RuntimeException | StackOverflowError e) {
            return new Prepared(bytes, sha, null, "the parser failed: " + e, origin);
        }
    }

    /**
     * Stores the message unless these exact bytes are stored (or quarantined) already.
     *
     * @return the id of the newly stored message; empty when it was already there or was quarantined
     */
    @Transactional
    public Optional<Long> store(byte[] bytes, Origin origin) {
        String sha = Hashes.sha256(bytes);
        if (known(List.of(sha)).contains(sha)) {
            return Optional.empty();
        }
        Prepared p = prepare(bytes, sha, origin, null);
        raw.put(sha, bytes);
        if (p.parsed() == null) {
            quarantine(p);
            return Optional.empty();
        }
        Direction direction = direction(p.parsed());
        long id = insert(p.parsed(), direction, sha, bytes.length, origin);
        events.publishEvent(new MessageStored(id, direction));
        return Optional.of(id);
    }

    /**
     * Stores a batch prepared by {@link #prepare}: skips what is already stored, writes the raw files and forces
     * them to disk together, then inserts every row with batched statements in one transaction. Publishes no events: the caller threads, attributes
     * and indexes the batch itself.
     */
    @Transactional
    public BatchResult storeBatch(List<Prepared> batch) {
        Set<String> seen = new HashSet<>(known(batch.stream().map(Prepared::sha256).toList()));
        List<Prepared> fresh = new ArrayList<>();
        for (Prepared p : batch) {
            if (seen.add(p.sha256())) {
                fresh.add(p);
            }
        }
        // Bytes a caller already wrote and synced through a RawMessageStore.Batch are found whole and skipped.
        RawMessageStore.Batch files = raw.batch();
        fresh.forEach(files::add);
        files.sync();
        List<Prepared> readable = fresh.stream().filter(p -> p.parsed() != null).toList();
        List<Prepared> unreadable = fresh.stream().filter(p -> p.parsed() == null).toList();
        unreadable.forEach(this::quarantine);
        List<Long> ids = insertAll(readable);
        List<Stored> stored = new ArrayList<>(readable.size());
        for (int i = 0; i < readable.size(); i++) {
            ParsedMessage parsed = readable.get(i).parsed();
            stored.add(new Stored(ids.get(i), direction(parsed), parsed));
        }
        insertReferences(stored);
        return new BatchResult(stored, unreadable.size(), batch.size() - fresh.size());
    }

    /**
     * Stores a message too large to read whole: its raw bytes are already in the raw store under {@code sha}, the
     * record is made from its header section, and its text says how large it is.
     *
     * @return the id of the newly stored message, or empty when it was already there
     */
    @Transactional
    public Optional<Long> storeOversized(String sha, long size, byte[] header, Origin origin) {
        if (known(List.of(sha)).contains(sha)) {
            return Optional.empty();
        }
        Prepared prepared = prepareOversized(sha, size, header, origin);
        if (prepared.parsed() == null) {
            quarantine(prepared);
            return Optional.empty();
        }
        ParsedMessage parsed = prepared.parsed();
        Direction direction = direction(parsed);
        long id = insert(parsed, direction, sha, (int) Math.min(Integer.MAX_VALUE, size), origin);
        events.publishEvent(new MessageStored(id, direction));
        return Optional.of(id);
    }

    /**
     * Prepares a message too large to read whole, for {@link #storeBatch}: its raw bytes ({@code size} of them) are
     * already durable in the raw store under {@code sha}; the record is made from its header section, and its text
     * says how large it is.
     */
    public Prepared prepareOversized(String sha, long size, byte[] header, Origin origin) {
        byte[] note = ("\r\n(This message is " + size + " bytes, more than Rapport reads as text;"
                + " the whole message is kept as it arrived.)\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] headersOnly = new byte[header.length + note.length];
        System.arraycopy(header, 0, headersOnly, 0, header.length);
        System.arraycopy(note, 0, headersOnly, header.length, note.length);
        Prepared prepared = prepare(headersOnly, origin);
        if (prepared.parsed() == null) {
            return new Prepared(null, sha, null, prepared.quarantineReason(), origin, size);
        }
        ParsedMessage p = prepared.parsed();
        // Only the headers are here, no real body: plain text only, so nothing reads it as the message's HTML.
        ParsedMessage parsed = new ParsedMessage(p.messageId(), p.references(), p.fromAddress(), p.fromName(),
                p.toAddresses(), p.subject(), p.date(), p.text(), null, false, p.automated(), false, p.newText(), p.warnings());
        return new Prepared(null, sha, parsed, null, origin, size);
    }

    private Direction direction(ParsedMessage parsed) {
        return parsed.fromAddress() != null && accounts.addresses().contains(parsed.fromAddress())
                ? Direction.OUTBOUND : Direction.INBOUND;
    }

    private Set<String> known(Collection<String> shas) {
        if (shas.isEmpty()) {
            return Set.of();
        }
        Set<String> known = new HashSet<>(jdbc.sql("select sha256 from messages where sha256 in (:s)")
                .param("s", shas).query(String.class).list());
        known.addAll(jdbc.sql("select sha256 from quarantine where sha256 in (:s)")
                .param("s", shas).query(String.class).list());
        return known;
    }

    private void quarantine(Prepared p) {
        log.warn("Message {} could not be read ({}); its raw bytes are kept and it is quarantined", p.sha256(),
                p.quarantineReason());
        Origin o = p.origin();
        jdbc.sql("""
                insert into quarantine (sha256, reason, size_bytes, account, folder, uid, source, stored_at)
                values (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(p.sha256(), truncate(p.quarantineReason(), 2000), p.size(), o.account(),
                        truncate(o.folder(), 500), o.uid(), truncate(o.folder(), 2000), Timestamp.from(Instant.now(clock)))
                .update();
    }

    private static final String INSERT = """
            insert into messages (sha256, message_id, direction, from_address, from_name, to_addresses, subject,
              sent_at, stored_at, body_text, new_text, has_html, automated, size_bytes, account, folder, uid, warnings)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";

    private long insert(ParsedMessage p, Direction direction, String sha, int size, Origin origin) {
        List<Long> ids = insertAll(List.of(new Prepared(null, sha, p, null, origin)), size);
        long id = ids.getFirst();
        insertReferences(List.of(new Stored(id, direction, p)));
        return id;
    }

    private List<Long> insertAll(List<Prepared> rows) {
        return insertAll(rows, -1);
    }

    private List<Long> insertAll(List<Prepared> rows, int knownSize) {
        if (rows.isEmpty()) {
            return List.of();
        }
        Timestamp now = Timestamp.from(Instant.now(clock));
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        template.batchUpdate(con -> con.prepareStatement(INSERT, new String[] {"id"}), new BatchPreparedStatementSetter() {
            @Override
            public void setValues(PreparedStatement ps, int i) throws SQLException {
                Prepared row = rows.get(i);
                ParsedMessage p = row.parsed();
                ps.setString(1, row.sha256());
                ps.setString(2, truncate(p.messageId(), 1000));
                ps.setString(3, direction(p).name());
                ps.setString(4, truncate(p.fromAddress(), 320));
                ps.setString(5, truncate(p.fromName(), 500));
                ps.setString(6, truncate(String.join(",", p.toAddresses()), 4000));
                ps.setString(7, truncate(p.subject(), 2000));
                if (p.date() == null) {
                    ps.setNull(8, Types.TIMESTAMP_WITH_TIMEZONE);
                } else {
                    ps.setTimestamp(8, Timestamp.from(p.date()));
                }
                ps.setTimestamp(9, now);
                ps.setString(10, p.text());
                ps.setString(11, p.newText() != null ? p.newText() : NewText.of(p));
                ps.setBoolean(12, p.hasHtml());
                ps.setString(13, truncate(p.automated(), 300));
                ps.setLong(14, knownSize >= 0 ? knownSize : row.size());
                ps.setString(15, row.origin().account());
                ps.setString(16, truncate(row.origin().folder(), 500));
                if (row.origin().uid() == null) {
                    ps.setNull(17, Types.BIGINT);
                } else {
                    ps.setLong(17, row.origin().uid());
                }
                ps.setString(18, p.warnings().isEmpty() ? null : truncate(String.join("; ", p.warnings()), 2000));
            }

            @Override
            public int getBatchSize() {
                return rows.size();
            }
        }, keys);
        List<Long> ids = keys.getKeyList().stream().map(k -> ((Number) k.values().iterator().next()).longValue()).toList();
        if (ids.size() != rows.size()) {
            throw new IllegalStateException("the database returned " + ids.size() + " ids for " + rows.size() + " messages");
        }
        return ids;
    }

    private void insertReferences(List<Stored> stored) {
        List<Object[]> args = new ArrayList<>();
        for (Stored s : stored) {
            List<String> refs = s.parsed().references();
            for (int i = 0; i < refs.size(); i++) {
                args.add(new Object[] {s.id(), i, truncate(refs.get(i), 1000)});
            }
        }
        if (!args.isEmpty()) {
            template.batchUpdate("insert into message_refs (message, position, ref_id) values (?, ?, ?)", args);
        }
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
