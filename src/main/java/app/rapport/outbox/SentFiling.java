package app.rapport.outbox;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import app.rapport.drafting.Drafts;
import app.rapport.mailbox.MailAccount;
import app.rapport.mailbox.MailAccounts;
import app.rapport.mailbox.MailboxWrites;
import app.rapport.mailbox.MessageIngest;
import app.rapport.mailbox.Messages;
import app.rapport.mailbox.RawMessageStore;

/**
 * What follows a sent reply, each part safe to repeat: the reply joins the conversation (stored by its exact
 * bytes, so a second store is a no-op), its copy goes into the Sent folder (only if not there yet), and the
 * customer's message gets {@code \Answered}. A failure retries only this, never the sending.
 */
@Component
class SentFiling {

    private static final Logger log = LoggerFactory.getLogger(SentFiling.class);

    private final Outbox outbox;
    private final Drafts drafts;
    private final Messages messages;
    private final MessageIngest ingest;
    private final RawMessageStore raw;
    private final MailboxWrites mailbox;
    private final MailAccounts accounts;
    private final OutboxSettings settings;
    private final Clock clock;

    SentFiling(Outbox outbox, Drafts drafts, Messages messages, MessageIngest ingest, RawMessageStore raw,
               MailboxWrites mailbox, MailAccounts accounts, OutboxSettings settings, Clock clock) {
        this.outbox = outbox;
        this.drafts = drafts;
        this.messages = messages;
        this.ingest = ingest;
        this.raw = raw;
        this.mailbox = mailbox;
        this.accounts = accounts;
        this.settings = settings;
        this.clock = clock;
    }

    void file(long id) {
        if (!outbox.claimFiling(id)) {
            return;
        }
        OutgoingReply reply = outbox.find(id).orElseThrow();
        MailAccount account = accounts.sending();
        try {
            byte[] bytes = raw.read(outbox.rawSha(id));
            ingest.store(bytes, MessageIngest.Origin.SENT_BY_RAPPORT);
            String where = settings.sentCopy()
                    ? "copy filed in '" + mailbox.fileInSent(account, bytes, reply.messageId()) + "'"
                    : "no copy filed: the provider files sent mail itself";
            String original = messages.expect(drafts.expect(reply.draftId()).replyToMessageId()).messageId();
            int flagged = mailbox.markAnswered(account, original);
            outbox.filed(id, FilingState.FILED, where + (flagged > 0
                    ? "; the customer's message is marked answered"
                    : "; the customer's message was not found in the mailbox to mark it answered"), null);
        } catch (MailboxWrites.MailboxWriteException | RuntimeException e) {
            int attempts = outbox.filingAttempts(id) + 1;
            String reason = e.getMessage();
            if (attempts >= settings.maxAttempts()) {
                outbox.filed(id, FilingState.FAILED, "gave up filing the sent reply after " + attempts
                        + " attempts: " + reason, null);
                log.warn("Reply {} was sent, but filing it failed for good: {}", id, reason, e);
                return;
            }
            Instant at = Instant.now(clock).plus(settings.backoff(attempts, ThreadLocalRandom.current().nextDouble()));
            outbox.filed(id, FilingState.RETRYING, "the reply was sent; filing it failed and will be tried again: "
                    + reason, at);
            log.info("Reply {} was sent; filing it failed and will be tried again at {}: {}", id, at, reason);
        }
    }
}
