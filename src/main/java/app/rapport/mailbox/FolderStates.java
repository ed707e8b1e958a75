package app.rapport.mailbox;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The sync cursor of each account and folder: the folder's UIDVALIDITY and the last UID stored. */
@Repository
class FolderStates {

    record FolderState(long uidValidity, long lastUid) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    FolderStates(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    Optional<FolderState> find(String account, String folder) {
        return jdbc.sql("select uid_validity, last_uid from folder_state where account = ? and folder = ?")
                .params(account, folder)
                .query((rs, n) -> new FolderState(rs.getLong(1), rs.getLong(2))).optional();
    }

    void save(String account, String folder, long uidValidity, long lastUid) {
        Timestamp now = Timestamp.from(Instant.now(clock));
        int updated = jdbc.sql("update folder_state set uid_validity = ?, last_uid = ?, updated_at = ?"
                        + " where account = ? and folder = ?")
                .params(uidValidity, lastUid, now, account, folder).update();
        if (updated == 0) {
            jdbc.sql("insert into folder_state (account, folder, uid_validity, last_uid, updated_at) values (?, ?, ?, ?, ?)")
                    .params(account, folder, uidValidity, lastUid, now).update();
        }
    }
}
