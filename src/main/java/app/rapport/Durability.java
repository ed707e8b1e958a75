package app.rapport;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;

import javax.sql.DataSource;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Makes what has been committed survive a crash of the process, at the points where Rapport promises that.
 * PostgreSQL's commit already is durable. The embedded H2 file keeps recent commits in memory and writes them
 * in the background about a second later, so a process killed in between would lose them: there it forces a
 * checkpoint. Call it where a lost commit would matter (a sync cursor, an outbox claim), not after every write.
 */
@Component
public class Durability {

    private final JdbcClient jdbc;
    private final boolean h2;

    public Durability(JdbcClient jdbc, DataSource dataSource) {
        this.jdbc = jdbc;
        this.h2 = isH2(dataSource);
    }

    /** Forces every commit made so far onto disk. */
    public void flush() {
        if (h2) {
            jdbc.sql("checkpoint").update();
        }
    }

    private static boolean isH2(DataSource dataSource) {
        try (Connection c = dataSource.getConnection()) {
            return c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("h2");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reach the database: " + e.getMessage(), e);
        }
    }
}
