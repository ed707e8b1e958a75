package app.rapport.drafting;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Why each message did or did not get a draft. */
@Repository
public class ReplyDecisions {

    private final JdbcClient jdbc;
    private final Clock clock;

    ReplyDecisions(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public Optional<ReplyDecision> find(long messageId) {
        return jdbc.sql("select message, needs_reply, reason from reply_decisions where message = ?").param(messageId)
                .query((rs, n) -> new ReplyDecision(rs.getLong(1), rs.getBoolean(2), rs.getString(3))).optional();
    }

    public List<ReplyDecision> forMessages(Collection<Long> messageIds) {
        if (messageIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select message, needs_reply, reason from reply_decisions where message in (:ids)")
                .param("ids", messageIds)
                .query((rs, n) -> new ReplyDecision(rs.getLong(1), rs.getBoolean(2), rs.getString(3))).list();
    }

    /** Messages that got no draft, newest first. */
    public List<ReplyDecision> skipped(int offset, int limit) {
        return jdbc.sql("select message, needs_reply, reason from reply_decisions where needs_reply = false"
                        + " order by message desc offset ? rows fetch next ? rows only")
                .params(offset, limit)
                .query((rs, n) -> new ReplyDecision(rs.getLong(1), rs.getBoolean(2), rs.getString(3))).list();
    }

    public long countSkipped() {
        return jdbc.sql("select count(*) from reply_decisions where needs_reply = false").query(Long.class).single();
    }

    void record(long messageId, boolean needsReply, String reason) {
        int n = jdbc.sql("update reply_decisions set needs_reply = ?, reason = ?, decided_at = ? where message = ?")
                .params(needsReply, reason, Timestamp.from(Instant.now(clock)), messageId).update();
        if (n == 0) {
            jdbc.sql("insert into reply_decisions (message, needs_reply, reason, decided_at) values (?, ?, ?, ?)")
                    .params(messageId, needsReply, reason, Timestamp.from(Instant.now(clock))).update();
        }
    }
}
