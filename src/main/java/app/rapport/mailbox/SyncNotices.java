package app.rapport.mailbox;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Lines in an account's status that the owner should see: a folder read again, an account stopped. */
@Repository
class SyncNotices {

    private static final Logger log = LoggerFactory.getLogger(SyncNotices.class);

    private final JdbcClient jdbc;
    private final Clock clock;

    SyncNotices(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    void add(String account, String folder, String text) {
        log.warn("Account '{}': {}", account, text);
        jdbc.sql("insert into sync_notices (account, folder, at, text) values (?, ?, ?, ?)")
                .params(account, folder, Timestamp.from(Instant.now(clock)), text.length() > 2000 ? text.substring(0, 2000) : text)
                .update();
    }

    long storedSince(String account, Instant since) {
        return jdbc.sql("select count(*) from messages where account = ? and stored_at >= ?")
                .params(account, Timestamp.from(since)).query(Long.class).single();
    }

    List<String> latest(String account, int max) {
        return jdbc.sql("select text from sync_notices where account = ? order by id desc limit " + max)
                .param(account).query(String.class).list();
    }
}
