package app.rapport.outbox;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.mail.MessagingException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import app.rapport.drafting.Draft;
import app.rapport.drafting.DraftApproved;
import app.rapport.drafting.Drafts;
import app.rapport.mailbox.MailAccount;
import app.rapport.mailbox.MailAccounts;
import app.rapport.mailbox.MailboxWrites;
import app.rapport.mailbox.Messages;
import app.rapport.mailbox.RawMessageStore;
import app.rapport.mailbox.StoredMessage;

/**
 * Takes approved drafts through the outbox: queue (undo window) → sending → sent, retrying temporary failures
 * with backoff, stopping at permanent ones, and never resending a reply whose outcome is unknown. Everything
 * but the SMTP transaction itself is safe to repeat; that one step is guarded by the SENDING claim.
 */
@Service
public class ReplySender {

    private static final Logger log = LoggerFactory.getLogger(ReplySender.class);

    private final Outbox outbox;
    private final Drafts drafts;
    private final Messages messages;
    private final RawMessageStore raw;
    private final ReplyComposer composer;
    private final SmtpDelivery smtp;
    private final SentFiling filing;
    private final MailboxWrites mailbox;
    private final MailAccounts accounts;
    private final OutboxSettings settings;
    private final Clock clock;

    ReplySender(Outbox outbox, Drafts drafts, Messages messages, RawMessageStore raw, ReplyComposer composer,
                SmtpDelivery smtp, SentFiling filing, MailboxWrites mailbox, MailAccounts accounts,
                OutboxSettings settings, Clock clock) {
        this.outbox = outbox;
        this.drafts = drafts;
        this.messages = messages;
        this.raw = raw;
        this.composer = composer;
        this.smtp = smtp;
        this.filing = filing;
        this.mailbox = mailbox;
        this.accounts = accounts;
        this.settings = settings;
        this.clock = clock;
    }

    /** Runs inside the approval's transaction: approved and queued are one step, with no gap to fall into. */
    @EventListener
    void on(DraftApproved approved) throws MessagingException {
        queue(approved.draftId());
    }

    /** Puts the approved draft in the outbox once; the message and its Message-ID are fixed from here on. */
    @Transactional
    public long queue(long draftId) throws MessagingException {
        var existing = outbox.forDraft(draftId);
        if (existing.isPresent()) {
            return existing.get().id();
        }
        Draft draft = drafts.expect(draftId);
        StoredMessage parent = messages.expect(draft.replyToMessageId());
        MailAccount account = accounts.sending();
        String messageId = ReplyComposer.newMessageId(account);
        byte[] bytes = composer.compose(account, draft, parent, messageId);
        String sha = raw.put(bytes);
        Instant sendAfter = Instant.now(clock).plus(settings.undoWindow());
        long id = outbox.insert(draftId, draft.conversationId(), messageId, sha, draft.toAddress(), draft.subject(), sendAfter);
        // An approval the owner saw must survive a crash a moment later: on disk as soon as it is committed.
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    outbox.flush();
                }
            });
        }
        log.info("Reply {} to conversation {} queued; it leaves at {} unless undone", id, draft.conversationId(), sendAfter);
        return id;
    }

    /** Takes a queued reply back; false when it is already on its way (then it is sent, not cancelled). */
    @Transactional
    public boolean undo(long outboxId) {
        OutgoingReply reply = expect(outboxId);
        if (!outbox.transition(outboxId, List.of(OutboxState.QUEUED, OutboxState.RETRYING), OutboxState.CANCELLED,
                "undone by the owner")) {
            return false;
        }
        drafts.reopen(reply.draftId());
        return true;
    }

    /**
     * The owner's decision on a reply whose outcome is unknown: send it again, with the same Message-ID so the
     * customer's mail program can tell the two apart. False when the reply was no longer in that state.
     */
    public boolean sendAgain(long outboxId) {
        expect(outboxId);
        // An unknown outcome is the owner's call; a refused reply never reached the customer, so trying again is safe.
        return outbox.transition(outboxId, List.of(OutboxState.UNKNOWN, OutboxState.FAILED), OutboxState.QUEUED,
                "the owner chose to send it again");
    }

    /** The owner's decision on a reply whose outcome is unknown: it did arrive; file it as sent. */
    public boolean markSent(long outboxId) {
        expect(outboxId);
        return outbox.transition(outboxId, List.of(OutboxState.UNKNOWN), OutboxState.SENT,
                "the owner confirmed it was sent");
    }

    /**
     * A reply interrupted while sending may have left: mark it unknown for the owner instead of resending. The
     * server does this as it starts ({@link OutboxRecovery}), before its first round of sending.
     */
    void recoverInterrupted() {
        for (long id : outbox.inState(OutboxState.SENDING)) {
            outbox.transition(id, List.of(OutboxState.SENDING), OutboxState.UNKNOWN,
                    "Rapport stopped while this reply was being sent. It may have reached the customer;"
                            + " check before sending it again.");
            log.warn("Reply {} was being sent when Rapport stopped; marked as outcome unknown", id);
        }
        outbox.resumeInterruptedFiling();
    }

    /** One round: send what is due, look up unknown outcomes, file sent replies. One thread does all three. */
    @Scheduled(initialDelayString = "${rapport.outbox.initial-delay:2s}", fixedDelayString = "${rapport.outbox.check-interval:1s}")
    void sendDue() {
        for (long id : outbox.due()) {
            if (outbox.transition(id, List.of(OutboxState.QUEUED, OutboxState.RETRYING), OutboxState.SENDING, null)) {
                outbox.flush();
                send(id);
            }
        }
        for (long id : outbox.uncheckedUnknown()) {
            lookInSentFolder(id);
        }
        for (long id : outbox.filingDue()) {
            filing.file(id);
        }
    }

    private void send(long id) {
        OutgoingReply reply = expect(id);
        MailAccount account = accounts.sending();
        byte[] bytes = raw.read(outbox.rawSha(id));
        SmtpDelivery.Outcome outcome = smtp.deliver(account.smtp(), bytes);
        switch (outcome.result()) {
            case ACCEPTED -> {
                outbox.transition(id, List.of(OutboxState.SENDING), OutboxState.SENT, outcome.reason());
                outbox.flush();
                log.info("Reply {} sent to conversation {}", id, reply.conversationId());
                filing.file(id);
            }
            case PERMANENT -> {
                outbox.transition(id, List.of(OutboxState.SENDING), OutboxState.FAILED, outcome.reason());
                log.warn("Reply {} was refused by the mail server: {}", id, outcome.reason());
            }
            case UNKNOWN -> {
                outbox.transition(id, List.of(OutboxState.SENDING), OutboxState.UNKNOWN, outcome.reason());
                log.warn("Reply {} may or may not have been delivered: {}", id, outcome.reason());
                lookInSentFolder(id);
            }
            case TEMPORARY -> retryLater(reply, outcome.reason());
        }
    }

    private void retryLater(OutgoingReply reply, String reason) {
        // The claim (QUEUED/RETRYING → SENDING) already counted this attempt.
        int attempts = reply.attempts();
        if (attempts >= settings.maxAttempts()) {
            outbox.transition(reply.id(), List.of(OutboxState.SENDING), OutboxState.FAILED,
                    "gave up after " + attempts + " attempts: " + reason);
            log.warn("Reply {} not sent after {} attempts: {}", reply.id(), attempts, reason);
            return;
        }
        var wait = settings.backoff(attempts, ThreadLocalRandom.current().nextDouble());
        outbox.retryAt(reply.id(), Instant.now(clock).plus(wait), reason);
        log.info("Reply {} will be tried again in {}s: {}", reply.id(), wait.toSeconds(), reason);
    }

    /**
     * Where the provider files sent mail itself, an unknown outcome can be settled by the Sent folder; otherwise
     * the finding is recorded and the owner decides.
     */
    private void lookInSentFolder(long id) {
        OutgoingReply reply = expect(id);
        String finding;
        try {
            if (mailbox.sentFolderHas(accounts.sending(), reply.messageId())) {
                outbox.transition(id, List.of(OutboxState.UNKNOWN), OutboxState.SENT,
                        "found in the Sent folder by its Message-ID, so it was sent");
                log.info("Reply {} found in the Sent folder; marked as sent", id);
                return;
            }
            finding = "Not found in the Sent folder. It may still have reached the customer: check with them, then"
                    + " send it again or mark it as sent.";
        } catch (MailboxWrites.MailboxWriteException e) {
            finding = "The Sent folder could not be checked (" + e.getMessage() + "). Check with the customer, then"
                    + " send it again or mark it as sent.";
        }
        outbox.checked(id, finding);
    }

    private OutgoingReply expect(long id) {
        return outbox.find(id).orElseThrow(() -> new IllegalArgumentException("no reply with id " + id + " in the outbox"));
    }
}
