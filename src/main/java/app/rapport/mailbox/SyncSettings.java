package app.rapport.mailbox;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * How mail is read ({@code rapport.mail.sync.*}): batch sizes, limits, retries and IDLE.
 *
 * @param batchSize                    UIDs per batch; one batch is one or two round trips and one cursor move
 * @param batchBytes                   most message bytes held in memory for one fetch
 * @param maxMessageSize               larger messages are stored as their headers plus a note, the whole message
 *                                     streamed to the raw store
 * @param streamChunk                  piece size when streaming a large message
 * @param attempts                     connection attempts per account and sync before it counts as failed
 * @param backoff                      first pause between attempts (doubled each time, with jitter)
 * @param maxBackoff                   longest pause, also between failed polls of an account
 * @param uidValidityChangesBeforeStop a folder whose UIDVALIDITY changed this many syncs in a row stops its account
 * @param idle                         wait for new INBOX mail with IMAP IDLE where the server offers it
 * @param idleRenew                    IDLE is ended and started again this often, before servers drop it (~30 min)
 * @param recent                       a first sync reads mail dated within this time before it as arriving mail
 *                                     (one by one, drafted where it needs a reply); older mail is history, read in
 *                                     bulk like an import and not drafted
 */
@ConfigurationProperties("rapport.mail.sync")
public record SyncSettings(
        @DefaultValue("250") int batchSize,
        @DefaultValue("16MB") DataSize batchBytes,
        @DefaultValue("25MB") DataSize maxMessageSize,
        @DefaultValue("1MB") DataSize streamChunk,
        @DefaultValue("3") int attempts,
        @DefaultValue("1s") Duration backoff,
        @DefaultValue("5m") Duration maxBackoff,
        @DefaultValue("3") int uidValidityChangesBeforeStop,
        @DefaultValue("true") boolean idle,
        @DefaultValue("25m") Duration idleRenew,
        @DefaultValue("14d") Duration recent) {
}
