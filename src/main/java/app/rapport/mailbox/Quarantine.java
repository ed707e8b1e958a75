package app.rapport.mailbox;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Messages that could not be read as mail. Their raw bytes are kept in the raw store under their SHA-256, so
 * nothing is lost; this lists them with the reason, for the owner and for a later parser to try again.
 */
@Repository
public class Quarantine {

    /** One quarantined message; {@code source} is the folder or file it came from, when known. */
    public record Entry(long id, String sha256, String reason, long sizeBytes, String source,
                        java.time.Instant storedAt) {
    }

    private final JdbcClient jdbc;

    Quarantine(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The newest quarantined messages first. */
    public List<Entry> latest(int limit) {
        return jdbc.sql("""
                select id, sha256, reason, size_bytes, coalesce(source, folder) as src, stored_at
                from quarantine order by stored_at desc, id desc limit :limit""")
                .param("limit", limit)
                .query((rs, n) -> new Entry(rs.getLong("id"), rs.getString("sha256"), rs.getString("reason"),
                        rs.getLong("size_bytes"), rs.getString("src"), rs.getTimestamp("stored_at").toInstant()))
                .list();
    }

    public long count() {
        return jdbc.sql("select count(*) from quarantine").query(Long.class).single();
    }
}
