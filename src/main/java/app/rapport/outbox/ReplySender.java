package app.rapport.outbox;

import java.io.ByteArrayInputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;

import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import app.rapport.drafting.Draft;
import app.rapport.drafting.DraftApproved;
import app.rapport.drafting.Drafts;
import app.rapport.mailbox.MailAccount;
import app.rapport.mailbox.MailSessions;
import app.rapport.mailbox.MessageIngest;
import app.rapport.mailbox.Messages;
import app.rapport.mailbox.RawMessageStore;
import app.rapport.mailbox.StoredMessage;

/**
 * Takes approved drafts through the outbox: queue (undo window) → sending → sent, retrying temporary failures
 * with backoff, stopping at permanent ones, and never resending a reply whose outcome is unknown.
 */
@Service
public class ReplySender {

    private static final Logger log = LoggerFactory.getLogger(ReplySender.class);

    private final Outbox outbox;
    private final Drafts drafts;
    private final Messages messages;
    private final MessageIngest ingest;
    private final RawMessageStore raw;
    private final ReplyComposer composer;
    private final MailSessions sessions;
    private final List<MailAccount> accounts;
    private final OutboxSettings settings;
    private final Clock clock;

    ReplySender(Outbox outbox, Drafts drafts, Messages messages, MessageIngest ingest, RawMessageStore raw,
                ReplyComposer composer, MailSessions sessions, List<MailAccount> accounts, OutboxSettings settings,
                Clock clock) {
        this.outbox = outbox;
        this.drafts = drafts;
        this.messages = messages;
        this.ingest = ingest;
        this.raw = raw;
        this.composer = composer;
        this.sessions = sessions;
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
        MailAccount account = accounts.getFirst();
        String messageId = ReplyComposer.newMessageId(account);
        byte[] bytes = composer.compose(account, draft, parent, messageId);
        String sha = raw.put(bytes);
        Instant sendAfter = Instant.now(clock).plus(settings.undoWindow());
        long id = outbox.insert(draftId, draft.conversationId(), messageId, sha, draft.toAddress(), draft.subject(), sendAfter);
        log.info("Reply {} to conversation {} queued; it leaves at {} unless undone", id, draft.conversationId(), sendAfter);
        return id;
    }

    /** Takes a queued reply back; false when it is already on its way (then it is sent, not cancelled). */
    @Transactional
    public boolean undo(long outboxId) {
        OutgoingReply reply = outbox.find(outboxId)
                .orElseThrow(() -> new IllegalArgumentException("no reply with id " + outboxId + " in the outbox"));
        if (!outbox.transition(outboxId, List.of(OutboxState.QUEUED, OutboxState.RETRYING), OutboxState.CANCELLED,
                "undone by the owner")) {
            return false;
        }
        drafts.reopen(reply.draftId());
        return true;
    }

    /** A reply interrupted while sending may have left: mark it unknown for the owner instead of resending. */
    @EventListener(ApplicationReadyEvent.class)
    void recoverInterrupted() {
        for (long id : outbox.inState(OutboxState.SENDING)) {
            outbox.transition(id, List.of(OutboxState.SENDING), OutboxState.UNKNOWN,
                    "Rapport stopped while this reply was being sent. It may have reached the customer;"
                            + " check before sending it again.");
            log.warn("Reply {} was being sent when Rapport stopped; marked as outcome unknown", id);
        }
    }

    @Scheduled(initialDelayString = "${rapport.outbox.initial-delay:2s}", fixedDelayString = "${rapport.outbox.check-interval:1s}")
    void sendDue() {
        for (long id : outbox.due()) {
            if (outbox.transition(id, List.of(OutboxState.QUEUED, OutboxState.RETRYING), OutboxState.SENDING, null)) {
                send(id);
            }
        }
    }

    private void send(long id) {
        OutgoingReply reply = outbox.find(id).orElseThrow();
        MailAccount account = accounts.getFirst();
        byte[] bytes = raw.read(outbox.rawSha(id));
        try {
            Session session = sessions.smtp(account.smtp());
            MimeMessage message = new MimeMessage(session, new ByteArrayInputStream(bytes));
            try (Transport transport = session.getTransport(sessions.protocol(account.smtp(), "smtp"))) {
                MailAccount.Endpoint smtp = account.smtp();
                transport.connect(smtp.host(), smtp.port(), blankToNull(smtp.user()), blankToNull(smtp.password()));
                transport.sendMessage(message, message.getAllRecipients());
            }
        } catch (MessagingException | RuntimeException e) {
            failed(reply, e);
            return;
        }
        outbox.transition(id, List.of(OutboxState.SENDING), OutboxState.SENT, "accepted by " + account.smtp().host());
        log.info("Reply {} sent to conversation {}", id, reply.conversationId());
        ingest.store(bytes, MessageIngest.Origin.SENT_BY_RAPPORT);
    }

    private void failed(OutgoingReply reply, Exception e) {
        int code = replyCode(e);
        String reason = reason(e, code);
        if (code >= 500 && code < 600) {
            outbox.transition(reply.id(), List.of(OutboxState.SENDING), OutboxState.FAILED, reason);
            log.warn("Reply {} was refused by the mail server: {}", reply.id(), reason);
            return;
        }
        int attempts = reply.attempts() + 1;
        if (attempts >= settings.maxAttempts()) {
            outbox.transition(reply.id(), List.of(OutboxState.SENDING), OutboxState.FAILED,
                    "gave up after " + attempts + " attempts: " + reason);
            return;
        }
        Duration wait = settings.firstRetry().multipliedBy(1L << Math.min(attempts - 1, 10));
        long jitter = ThreadLocalRandom.current().nextLong(Math.max(1, wait.toMillis() / 5));
        outbox.retryAt(reply.id(), Instant.now(clock).plus(wait).plusMillis(jitter), reason);
        log.info("Reply {} will be tried again in {}s: {}", reply.id(), wait.toSeconds(), reason);
    }

    private static int replyCode(Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SMTPSendFailedException s) {
                return s.getReturnCode();
            }
            if (t instanceof SMTPAddressFailedException a) {
                return a.getReturnCode();
            }
            if (t instanceof SendFailedException s && s.getNextException() instanceof SMTPAddressFailedException a) {
                return a.getReturnCode();
            }
        }
        return -1;
    }

    private static String reason(Exception e, int code) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().strip();
        if (code > 0) {
            return "the mail server answered " + message;
        }
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return switch (root) {
            case java.net.ConnectException c -> "the mail server could not be reached (" + c.getMessage() + ")";
            case java.net.SocketTimeoutException t -> "the mail server did not answer in time";
            default -> message;
        };
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
