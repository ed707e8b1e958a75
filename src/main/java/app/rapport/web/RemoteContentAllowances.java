package app.rapport.web;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Where the owner has allowed remote images and styles: one message, or everything from one sender. */
@Repository
class RemoteContentAllowances {

    enum Scope {
        MESSAGE, SENDER
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    RemoteContentAllowances(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    boolean allowed(long messageId, String sender) {
        return jdbc.sql("select count(*) from remote_content_allowances where (scope = 'MESSAGE' and target = ?)"
                        + " or (scope = 'SENDER' and target = ?)")
                .params(Long.toString(messageId), sender == null ? "" : sender).query(Long.class).single() > 0;
    }

    void allow(Scope scope, String target) {
        int n = jdbc.sql("select count(*) from remote_content_allowances where scope = ? and target = ?")
                .params(scope.name(), target).query(Integer.class).single();
        if (n == 0) {
            jdbc.sql("insert into remote_content_allowances (scope, target, allowed_at) values (?, ?, ?)")
                    .params(scope.name(), target, Timestamp.from(Instant.now(clock))).update();
        }
    }
}
