package app.rapport.mailbox;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The sync cursor of each account and folder. Everything with a UID in {@code [lowUid, lastUid]} is stored; a
 * first sync reads downwards from the newest message (moving {@code lowUid}), new mail extends {@code lastUid}.
 */
@Repository
class FolderStates {

    /**
     * @param uidValidity        the folder's UIDVALIDITY the UIDs belong to
     * @param lowUid             the lowest UID of the range read completely; 1 or less when the folder's history is in
     * @param lastUid            the highest UID of the range read completely
     * @param highestModSeq      the folder's HIGHESTMODSEQ at the last sync (CONDSTORE servers), else null
     * @param uidValidityChanges how many syncs in a row found a new UIDVALIDITY
     * @param messageCount       how many messages the folder had at the last sync
     */
    record FolderState(long uidValidity, long lowUid, long lastUid, Long highestModSeq, int uidValidityChanges,
                       long messageCount) {

        /** An empty range just below {@code uidNext}: the next read starts with the newest message. */
        static FolderState fresh(long uidValidity, long uidNext, int uidValidityChanges) {
            return new FolderState(uidValidity, uidNext, uidNext - 1, null, uidValidityChanges, 0);
        }

        boolean historyComplete() {
            return lowUid <= 1;
        }

        FolderState withRange(long low, long last) {
            return new FolderState(uidValidity, low, last, highestModSeq, uidValidityChanges, messageCount);
        }

        FolderState withServerCounters(Long modSeq, long messages) {
            return new FolderState(uidValidity, lowUid, lastUid, modSeq, uidValidityChanges, messages);
        }
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    FolderStates(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    Optional<FolderState> find(String account, String folder) {
        return jdbc.sql("select uid_validity, low_uid, last_uid, highest_modseq, uid_validity_changes, message_count"
                        + " from folder_state where account = ? and folder = ?")
                .params(account, folder)
                .query((rs, n) -> new FolderState(rs.getLong(1), rs.getLong(2), rs.getLong(3),
                        (Long) rs.getObject(4, Long.class), rs.getInt(5), rs.getLong(6)))
                .optional();
    }

    List<String> folders(String account) {
        return jdbc.sql("select folder from folder_state where account = ? order by folder").param(account)
                .query(String.class).list();
    }

    /** Forgets how far an account's folders were read, so they are read from the start (nothing is stored twice). */
    void forget(String account) {
        jdbc.sql("delete from folder_state where account = ?").param(account).update();
    }

    void save(String account, String folder, FolderState s) {
        Timestamp now = Timestamp.from(Instant.now(clock));
        int updated = jdbc.sql("update folder_state set uid_validity = ?, low_uid = ?, last_uid = ?, highest_modseq = ?,"
                        + " uid_validity_changes = ?, message_count = ?, updated_at = ? where account = ? and folder = ?")
                .params(s.uidValidity(), s.lowUid(), s.lastUid(), s.highestModSeq(), s.uidValidityChanges(),
                        s.messageCount(), now, account, folder)
                .update();
        if (updated == 0) {
            jdbc.sql("insert into folder_state (account, folder, uid_validity, low_uid, last_uid, highest_modseq,"
                            + " uid_validity_changes, message_count, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                    .params(account, folder, s.uidValidity(), s.lowUid(), s.lastUid(), s.highestModSeq(),
                            s.uidValidityChanges(), s.messageCount(), now)
                    .update();
        }
    }
}
