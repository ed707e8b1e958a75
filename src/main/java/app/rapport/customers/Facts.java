package app.rapport.customers;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * What Rapport remembers about customers: facts with the sentence and message each came from, and the owner's
 * notes. Facts of merged addresses belong to the one person; pass {@link Customers#addressesOf} ids.
 */
@Repository
public class Facts {

    private static final String COLUMNS = "id, customer, kind, fact_value, original_value, when_text, sentence,"
            + " message, said_at, confidence, state";

    private final JdbcClient jdbc;
    private final Clock clock;

    Facts(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public Optional<Fact> find(long id) {
        return jdbc.sql("select " + COLUMNS + " from customer_facts where id = ?").param(id).query(Facts::row).optional();
    }

    public Fact expect(long id) {
        return find(id).orElseThrow(() -> new IllegalArgumentException("no remembered fact with id " + id));
    }

    /** The facts of these customer ids that the owner has not rejected, the most recently said first. */
    public List<Fact> of(Collection<Long> customerIds) {
        if (customerIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select " + COLUMNS + " from customer_facts where customer in (:ids) and state <> 'REJECTED'"
                        + " order by said_at desc, id desc")
                .param("ids", customerIds).query(Facts::row).list();
    }

    /** Every customer's facts of one kind said since then that the owner has not rejected, the oldest first. */
    public List<Fact> ofKindSaidSince(FactKind kind, Instant since) {
        return jdbc.sql("select " + COLUMNS + " from customer_facts where kind = ? and said_at >= ? and state <> 'REJECTED'"
                        + " order by said_at, id")
                .params(kind.name(), Timestamp.from(since)).query(Facts::row).list();
    }

    /** The facts read from one message, rejected ones included. */
    public List<Fact> fromMessage(long messageId) {
        return jdbc.sql("select " + COLUMNS + " from customer_facts where message = ? order by id")
                .param(messageId).query(Facts::row).list();
    }

    /** Stores a fact found in a message, unless the same fact was already remembered for this customer. */
    @Transactional
    public Optional<Fact> suggest(long customerId, long messageId, Instant saidAt, FoundFact f) {
        long same = jdbc.sql("select count(*) from customer_facts where customer = ? and kind = ?"
                        + " and (lower(fact_value) = lower(?) or lower(original_value) = lower(?))")
                .params(customerId, f.kind().name(), f.value(), f.value()).query(Long.class).single();
        if (same > 0) {
            return Optional.empty();
        }
        return Optional.of(insert(customerId, f.kind(), clip(f.value(), 500), clip(f.when(), 200),
                clip(f.sentence(), 2000), messageId, saidAt, f.confidence(), FactState.SUGGESTED));
    }

    /** A fact the owner adds by hand: confirmed from the start, with no source message. */
    public Fact add(long customerId, FactKind kind, String value) {
        String v = required(value);
        return insert(customerId, kind, clip(v, 500), null, null, null, Instant.now(clock), 1.0, FactState.CONFIRMED);
    }

    public Fact confirm(long id) {
        Fact f = expect(id);
        if (f.state() == FactState.SUGGESTED || f.state() == FactState.REJECTED) {
            setState(id, FactState.CONFIRMED);
        }
        return expect(id);
    }

    public Fact reject(long id) {
        expect(id);
        setState(id, FactState.REJECTED);
        return expect(id);
    }

    /** The owner's better wording; the found value is kept beside it. */
    public Fact correct(long id, String value) {
        Fact f = expect(id);
        String v = clip(required(value), 500);
        jdbc.sql("update customer_facts set fact_value = ?, original_value = coalesce(original_value, ?), state = ?,"
                        + " updated_at = ? where id = ?")
                .params(v, f.value(), FactState.CORRECTED.name(), Timestamp.from(Instant.now(clock)), id).update();
        return expect(id);
    }

    public Note addNote(long customerId, String text) {
        String t = clip(required(text), 4000);
        Instant now = Instant.now(clock);
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("insert into customer_notes (customer, note, created_at) values (?, ?, ?)")
                .params(customerId, t, Timestamp.from(now)).update(key, "id");
        return new Note(key.getKey().longValue(), customerId, t, now);
    }

    public List<Note> notes(Collection<Long> customerIds) {
        if (customerIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select id, customer, note, created_at from customer_notes where customer in (:ids)"
                        + " order by created_at desc, id desc")
                .param("ids", customerIds)
                .query((rs, n) -> new Note(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getTimestamp(4).toInstant()))
                .list();
    }

    private Fact insert(long customerId, FactKind kind, String value, String when, String sentence, Long messageId,
                        Instant saidAt, double confidence, FactState state) {
        Timestamp now = Timestamp.from(Instant.now(clock));
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("insert into customer_facts (customer, kind, fact_value, when_text, sentence, message, said_at,"
                        + " confidence, state, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(customerId, kind.name(), value, when, sentence, messageId, Timestamp.from(saidAt), confidence,
                        state.name(), now, now)
                .update(key, "id");
        return new Fact(key.getKey().longValue(), customerId, kind, value, null, when, sentence, messageId, saidAt,
                confidence, state);
    }

    private void setState(long id, FactState state) {
        jdbc.sql("update customer_facts set state = ?, updated_at = ? where id = ?")
                .params(state.name(), Timestamp.from(Instant.now(clock)), id).update();
    }

    private static String required(String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("a fact or note needs some words");
        }
        return value.strip();
    }

    private static String clip(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }

    private static Fact row(ResultSet rs, int n) throws SQLException {
        long message = rs.getLong(8);
        return new Fact(rs.getLong(1), rs.getLong(2), FactKind.valueOf(rs.getString(3)), rs.getString(4),
                rs.getString(5), rs.getString(6), rs.getString(7), rs.wasNull() ? null : message,
                rs.getTimestamp(9).toInstant(), rs.getDouble(10), FactState.valueOf(rs.getString(11)));
    }
}
