package app.rapport.threading;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The conversations, newest activity first. */
@Repository
public class Conversations {

    private final JdbcClient jdbc;

    Conversations(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Conversation> find(long id) {
        return jdbc.sql("select id, subject, started_at, last_message_at, message_count from conversations where id = ?")
                .param(id).query(Conversations::row).optional();
    }

    public Conversation expect(long id) {
        return find(id).orElseThrow(() -> new IllegalArgumentException("no conversation with id " + id));
    }

    /** A page of conversations, the most recently active first. */
    public List<Conversation> page(int offset, int limit) {
        return jdbc.sql("select id, subject, started_at, last_message_at, message_count from conversations"
                        + " order by last_message_at desc, id desc offset ? rows fetch next ? rows only")
                .params(offset, limit).query(Conversations::row).list();
    }

    /**
     * The most recently active conversations that hold any of these messages, except one, each with the first of
     * these messages in it: a customer's earlier conversations in two look-ups by key, however many they had.
     */
    public Map<Conversation, Long> latestHolding(Collection<Long> messageIds, long except, int limit) {
        Map<Conversation, Long> out = new LinkedHashMap<>();
        if (messageIds.isEmpty() || limit <= 0) {
            return out;
        }
        Map<Long, Long> firstMessage = new HashMap<>();
        // "= any(array)" lets H2 look each message up by key; a long "in (…)" list of parameters scans the table.
        jdbc.sql("select message, conversation from conversation_messages where message = any(?)")
                .param(messageIds.toArray(Long[]::new))
                .query(rs -> {
                    long conversation = rs.getLong(2);
                    if (conversation != except) {
                        firstMessage.merge(conversation, rs.getLong(1), Math::min);
                    }
                });
        if (firstMessage.isEmpty()) {
            return out;
        }
        jdbc.sql("select id, subject, started_at, last_message_at, message_count from conversations where id = any(?)"
                        + " order by last_message_at desc, id desc fetch first ? rows only")
                .param(firstMessage.keySet().toArray(Long[]::new)).param(limit)
                .query(Conversations::row).list()
                .forEach(c -> out.put(c, firstMessage.get(c.id())));
        return out;
    }

    public long count() {
        return jdbc.sql("select count(*) from conversations").query(Long.class).single();
    }

    /** The ids of the messages in a conversation. */
    public List<Long> messageIds(long conversationId) {
        return jdbc.sql("select message from conversation_messages where conversation = ? order by message")
                .param(conversationId).query(Long.class).list();
    }

    /** The conversation a message belongs to, once it has been threaded. */
    public Optional<Long> conversationOf(long messageId) {
        return jdbc.sql("select conversation from conversation_messages where message = ?").param(messageId)
                .query(Long.class).optional();
    }

    private static Conversation row(ResultSet rs, int n) throws SQLException {
        return new Conversation(rs.getLong(1), rs.getString(2), rs.getTimestamp(3).toInstant(),
                rs.getTimestamp(4).toInstant(), rs.getInt(5));
    }
}
