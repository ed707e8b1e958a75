package app.rapport.mailbox;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The stored messages, read by every other module. */
@Repository
public class Messages {

    private static final String COLUMNS = "id, message_id, direction, from_address, from_name, to_addresses,"
            + " subject, sent_at, stored_at, body_text, new_text, has_html, automated, sha256, size_bytes";

    private final JdbcClient jdbc;

    Messages(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<StoredMessage> find(long id) {
        return jdbc.sql("select " + COLUMNS + " from messages where id = ?").param(id)
                .query(this::row).optional()
                .map(m -> withReferences(m, references(List.of(id)).getOrDefault(id, List.of())));
    }

    /** The message with this id; throws naming the id when there is none. */
    public StoredMessage expect(long id) {
        return find(id).orElseThrow(() -> new IllegalArgumentException("no stored message with id " + id));
    }

    /** These messages, oldest first. */
    public List<StoredMessage> byIds(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<Long, List<String>> refs = references(ids);
        return jdbc.sql("select " + COLUMNS + " from messages where id in (:ids) order by coalesce(sent_at, stored_at), id")
                .param("ids", ids).query(this::row).list().stream()
                .map(m -> withReferences(m, refs.getOrDefault(m.id(), List.of()))).toList();
    }

    /** The newest of these messages (by date, then by storage order), without reading the others. */
    public Optional<StoredMessage> latest(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return Optional.empty();
        }
        return jdbc.sql("select id from messages where id in (:ids)"
                        + " order by coalesce(sent_at, stored_at) desc, id desc fetch first 1 rows only")
                .param("ids", ids).query(Long.class).optional().flatMap(this::find);
    }

    /** Ids of stored messages carrying any of these Message-IDs. */
    public List<Long> idsByMessageIds(Collection<String> messageIds) {
        if (messageIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select id from messages where message_id in (:ids)").param("ids", messageIds)
                .query(Long.class).list();
    }

    /** Which of these Message-IDs a stored message carries. */
    public Set<String> storedMessageIds(Collection<String> messageIds) {
        Set<String> stored = new HashSet<>();
        List<String> all = List.copyOf(new LinkedHashSet<>(messageIds));
        for (int i = 0; i < all.size(); i += 500) {
            stored.addAll(jdbc.sql("select distinct message_id from messages where message_id in (:ids)")
                    .param("ids", all.subList(i, Math.min(all.size(), i + 500))).query(String.class).list());
        }
        return stored;
    }

    /** Ids of stored messages whose References or In-Reply-To name this Message-ID. */
    public List<Long> idsReferencing(String messageId) {
        return jdbc.sql("select distinct message from message_refs where ref_id = ?").param(messageId)
                .query(Long.class).list();
    }

    public long count() {
        return jdbc.sql("select count(*) from messages").query(Long.class).single();
    }

    /**
     * The first {@code maxChars} characters of these messages' text bodies, by id (a message without one is left
     * out). Only that much is read from the database.
     */
    public Map<Long, String> texts(Collection<Long> ids, int maxChars) {
        Map<Long, String> texts = new HashMap<>();
        if (ids.isEmpty()) {
            return texts;
        }
        jdbc.sql("select id, left(body_text, :max) as body_text from messages where id in (:ids)")
                .param("max", maxChars).param("ids", ids)
                .query(rs -> {
                    String text = rs.getString("body_text");
                    if (text != null) {
                        texts.put(rs.getLong("id"), text);
                    }
                });
        return texts;
    }

    /** All message ids in storage order, for rebuilding derived data. */
    public List<Long> allIds() {
        return jdbc.sql("select id from messages order by id").query(Long.class).list();
    }

    private Map<Long, List<String>> references(Collection<Long> ids) {
        Map<Long, List<String>> refs = new HashMap<>();
        jdbc.sql("select message, ref_id from message_refs where message in (:ids) order by message, position")
                .param("ids", ids)
                .query((ResultSet rs) -> {
                    refs.computeIfAbsent(rs.getLong(1), k -> new java.util.ArrayList<>()).add(rs.getString(2));
                });
        return refs;
    }

    private StoredMessage row(ResultSet rs, int n) throws SQLException {
        String to = rs.getString("to_addresses");
        return new StoredMessage(rs.getLong("id"), rs.getString("message_id"), List.of(),
                Direction.valueOf(rs.getString("direction")), rs.getString("from_address"), rs.getString("from_name"),
                to == null || to.isEmpty() ? List.of() : Arrays.asList(to.split(",")), rs.getString("subject"),
                instant(rs.getTimestamp("sent_at"), rs.getTimestamp("stored_at")), rs.getString("body_text"),
                rs.getString("new_text"), rs.getBoolean("has_html"), rs.getString("automated"),
                rs.getString("sha256"), rs.getLong("size_bytes"));
    }

    private static Instant instant(Timestamp sent, Timestamp stored) {
        return (sent != null ? sent : stored).toInstant();
    }

    private static StoredMessage withReferences(StoredMessage m, List<String> refs) {
        return new StoredMessage(m.id(), m.messageId(), List.copyOf(refs), m.direction(), m.fromAddress(),
                m.fromName(), m.toAddresses(), m.subject(), m.sentAt(), m.text(), m.newText(), m.hasHtml(),
                m.automated(), m.sha256(), m.sizeBytes());
    }
}
