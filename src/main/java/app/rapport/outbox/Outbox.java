package app.rapport.outbox;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

import app.rapport.Durability;

/**
 * The outbox table. Every state change is a conditional UPDATE on the expected state, so two actors (the
 * sender and an Undo click, say) can never both win, and every change is written to the reply's history.
 */
@Repository
public class Outbox {

    private static final String COLUMNS = "id, draft, conversation, message_id, to_address, subject, state, attempts,"
            + " send_after, last_error, created_at, sent_at, filing, filing_error";

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Durability durability;

    Outbox(JdbcClient jdbc, Clock clock, Durability durability) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.durability = durability;
    }

    /**
     * Makes the last commit survive a crash of the process before the SMTP transaction starts. PostgreSQL's
     * commit already does; an embedded H2 file keeps commits in memory for up to a second (its write delay), and
     * a SENDING claim lost that way would let a restart send the reply a second time.
     */
    void flush() {
        durability.flush();
    }

    /** One step in a reply's history. */
    public record Step(Instant at, OutboxState state, String reason) {
    }

    public Optional<OutgoingReply> find(long id) {
        return jdbc.sql("select " + COLUMNS + " from outbox where id = ?").param(id).query(Outbox::row).optional();
    }

    public Optional<OutgoingReply> forDraft(long draftId) {
        return jdbc.sql("select " + COLUMNS + " from outbox where draft = ?").param(draftId).query(Outbox::row).optional();
    }

    /** The replies of a conversation, oldest first. */
    public List<OutgoingReply> forConversation(long conversationId) {
        return jdbc.sql("select " + COLUMNS + " from outbox where conversation = ? order by id")
                .param(conversationId).query(Outbox::row).list();
    }

    /** Replies in these states, newest first. */
    public List<OutgoingReply> inStates(List<OutboxState> states, int offset, int limit) {
        return jdbc.sql("select " + COLUMNS + " from outbox where state in (:states) order by id desc"
                        + " offset :offset rows fetch next :limit rows only")
                .param("states", states.stream().map(Enum::name).toList())
                .param("offset", offset).param("limit", limit).query(Outbox::row).list();
    }

    public long countInStates(List<OutboxState> states) {
        return jdbc.sql("select count(*) from outbox where state in (:states)")
                .param("states", states.stream().map(Enum::name).toList()).query(Long.class).single();
    }

    /** Sent replies whose copy in the Sent folder or answered flag is still failing, or gave up; newest first. */
    public List<OutgoingReply> filingProblems(int limit) {
        return jdbc.sql("select " + COLUMNS + " from outbox where state = 'SENT' and filing in ('RETRYING', 'FAILED')"
                        + " order by id desc fetch first :limit rows only")
                .param("limit", limit).query(Outbox::row).list();
    }

    public List<Step> history(long id) {
        return jdbc.sql("select at, state, reason from outbox_history where outbox = ? order by at, seq")
                .param(id)
                .query((rs, n) -> new Step(rs.getTimestamp(1).toInstant(), OutboxState.valueOf(rs.getString(2)),
                        rs.getString(3)))
                .list();
    }

    String rawSha(long id) {
        return jdbc.sql("select raw_sha256 from outbox where id = ?").param(id).query(String.class).single();
    }

    long insert(long draft, long conversation, String messageId, String rawSha, String to, String subject,
                Instant sendAfter) {
        Timestamp now = now();
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("insert into outbox (draft, conversation, message_id, raw_sha256, to_address, subject, state, attempts,"
                        + " send_after, created_at, updated_at) values (?, ?, ?, ?, ?, ?, 'QUEUED', 0, ?, ?, ?)")
                .params(draft, conversation, messageId, rawSha, to, subject, Timestamp.from(sendAfter), now, now)
                .update(key, "id");
        long id = key.getKey().longValue();
        step(id, OutboxState.QUEUED, "approved by the owner");
        return id;
    }

    /** Ids of replies whose time to send has come. */
    List<Long> due() {
        return jdbc.sql("select id from outbox where state in ('QUEUED', 'RETRYING') and send_after <= ? order by id")
                .param(now()).query(Long.class).list();
    }

    List<Long> inState(OutboxState state) {
        return jdbc.sql("select id from outbox where state = ?").param(state.name()).query(Long.class).list();
    }

    /**
     * Moves a reply from one of {@code from} to {@code to}; false when it was not in any of them. Reaching SENT
     * starts the filing step in the same statement, so a sent reply can never miss it.
     */
    boolean transition(long id, List<OutboxState> from, OutboxState to, String reason) {
        int n = jdbc.sql("update outbox set state = :to, updated_at = :now,"
                        + " attempts = attempts + (case when :to = 'SENDING' then 1 else 0 end),"
                        + " sent_at = (case when :to = 'SENT' then :now else sent_at end),"
                        + " filing = (case when :to = 'SENT' then 'PENDING' else filing end),"
                        + " filing_after = (case when :to = 'SENT' then :now else filing_after end),"
                        + " send_after = (case when :to = 'QUEUED' then :now else send_after end),"
                        + " checked_at = (case when :to = 'QUEUED' then null else checked_at end),"
                        + " last_error = (case when :to in ('FAILED', 'RETRYING', 'UNKNOWN') then :reason"
                        + " when :to in ('SENT', 'QUEUED') then null else last_error end)"
                        + " where id = :id and state in (:from)")
                .param("to", to.name()).param("now", now()).param("reason", reason).param("id", id)
                .param("from", from.stream().map(Enum::name).toList()).update();
        if (n == 1) {
            step(id, to, reason);
        }
        return n == 1;
    }

    void retryAt(long id, Instant at, String reason) {
        if (transition(id, List.of(OutboxState.SENDING), OutboxState.RETRYING, reason)) {
            jdbc.sql("update outbox set send_after = ? where id = ?").params(Timestamp.from(at), id).update();
        }
    }

    /** Sent replies whose copy and answered flag are due. */
    List<Long> filingDue() {
        return jdbc.sql("select id from outbox where state = 'SENT' and filing in ('PENDING', 'RETRYING')"
                        + " and filing_after <= ? order by id")
                .param(now()).query(Long.class).list();
    }

    /** Takes a due filing step for this round; false when another round has it or it is done. */
    boolean claimFiling(long id) {
        return jdbc.sql("update outbox set filing = 'FILING', updated_at = ? where id = ? and state = 'SENT'"
                        + " and filing in ('PENDING', 'RETRYING')")
                .params(now(), id).update() == 1;
    }

    /** Filing is safe to repeat, so one interrupted by a stop simply starts over. */
    int resumeInterruptedFiling() {
        return jdbc.sql("update outbox set filing = 'PENDING', filing_after = ? where filing = 'FILING'")
                .param(now()).update();
    }

    /** Records the outcome of a claimed filing attempt; {@code retryAt} is null unless it is RETRYING. */
    boolean filed(long id, FilingState to, String reason, Instant retryAt) {
        int n = jdbc.sql("update outbox set filing = :to, updated_at = :now,"
                        + " filing_attempts = filing_attempts + (case when :to in ('RETRYING', 'FAILED') then 1 else 0 end),"
                        + " filing_after = :after, filing_error = (case when :to = 'FILED' then null else :reason end)"
                        + " where id = :id and state = 'SENT' and filing = 'FILING'")
                .param("to", to.name()).param("now", now()).param("reason", reason)
                .param("after", retryAt == null ? null : Timestamp.from(retryAt)).param("id", id).update();
        if (n == 1) {
            step(id, OutboxState.SENT, reason);
        }
        return n == 1;
    }

    int filingAttempts(long id) {
        return jdbc.sql("select filing_attempts from outbox where id = ?").param(id).query(Integer.class).single();
    }

    /** Outcome-unknown replies not yet looked up in the Sent folder. */
    List<Long> uncheckedUnknown() {
        return jdbc.sql("select id from outbox where state = 'UNKNOWN' and checked_at is null order by id")
                .query(Long.class).list();
    }

    /** Notes the Sent-folder lookup of an outcome-unknown reply, so it is done once, not on every round. */
    void checked(long id, String finding) {
        String before = find(id).map(OutgoingReply::lastError).orElse(null);
        String shown = before == null ? finding : before + " " + finding;
        if (jdbc.sql("update outbox set checked_at = ?, last_error = ? where id = ? and state = 'UNKNOWN'")
                .params(now(), shown.length() > 2000 ? shown.substring(0, 2000) : shown, id).update() == 1) {
            step(id, OutboxState.UNKNOWN, finding);
        }
    }

    private void step(long id, OutboxState state, String reason) {
        jdbc.sql("insert into outbox_history (outbox, at, state, reason) values (?, ?, ?, ?)")
                .params(id, now(), state.name(), reason == null ? null : reason.length() > 2000 ? reason.substring(0, 2000) : reason)
                .update();
    }

    private Timestamp now() {
        return Timestamp.from(Instant.now(clock));
    }

    private static OutgoingReply row(ResultSet rs, int n) throws SQLException {
        Timestamp sent = rs.getTimestamp("sent_at");
        return new OutgoingReply(rs.getLong("id"), rs.getLong("draft"), rs.getLong("conversation"),
                rs.getString("message_id"), rs.getString("to_address"), rs.getString("subject"),
                OutboxState.valueOf(rs.getString("state")), rs.getInt("attempts"),
                rs.getTimestamp("send_after").toInstant(), rs.getString("last_error"),
                rs.getTimestamp("created_at").toInstant(), sent == null ? null : sent.toInstant(),
                rs.getString("filing") == null ? null : FilingState.valueOf(rs.getString("filing")),
                rs.getString("filing_error"));
    }
}
