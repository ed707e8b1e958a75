package app.rapport.drafting;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Async;
import org.springframework.stereotype.Service;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

import app.rapport.customers.Customer;
import app.rapport.customers.Customers;
import app.rapport.customers.MessageAttributed;
import app.rapport.mailbox.Direction;
import app.rapport.mailbox.Messages;
import app.rapport.mailbox.StoredMessage;
import app.rapport.threading.Conversations;
import app.rapport.threading.ConversationsMerged;
import app.rapport.threading.Subjects;

/**
 * Decides for each customer message whether it needs a reply and, if so, drafts one from the template for
 * what it is about. Only the newest message of a conversation is answered; an answer the owner sent (from
 * Rapport or any other mail client) retires the open draft.
 */
@Service
class DraftWriter {

    private static final Logger log = LoggerFactory.getLogger(DraftWriter.class);

    private final Messages messages;
    private final Conversations conversations;
    private final Customers customers;
    private final Drafts drafts;
    private final ReplyDecisions decisions;
    private final DraftComposer composer;
    private final TemplateRenderer templates;
    private final app.rapport.mailbox.MailAccounts accounts;
    private final TransactionTemplate tx;
    private final Object lock = new Object();

    DraftWriter(Messages messages, Conversations conversations, Customers customers, Drafts drafts,
                ReplyDecisions decisions, DraftComposer composer, TemplateRenderer templates, app.rapport.mailbox.MailAccounts accounts,
                TransactionTemplate tx) {
        this.messages = messages;
        this.conversations = conversations;
        this.customers = customers;
        this.drafts = drafts;
        this.decisions = decisions;
        this.composer = composer;
        this.templates = templates;
        this.accounts = accounts;
        this.tx = tx;
    }

    @Async
    @TransactionalEventListener
    void on(MessageAttributed attributed) {
        synchronized (lock) {
            tx.executeWithoutResult(status -> consider(attributed));
        }
    }

    @Async
    @TransactionalEventListener
    void on(ConversationsMerged merged) {
        synchronized (lock) {
            tx.executeWithoutResult(status -> drafts.moveConversations(merged.into(), merged.merged()));
        }
    }

    void consider(MessageAttributed attributed) {
        StoredMessage m = messages.expect(attributed.messageId());
        long conversation = conversations.conversationOf(m.id()).orElse(attributed.conversationId());
        List<StoredMessage> thread = messages.byIds(conversations.messageIds(conversation));
        boolean newest = thread.stream().noneMatch(o -> o.id() != m.id() && o.sentAt().isAfter(m.sentAt()));
        if (attributed.direction() == Direction.OUTBOUND) {
            if (newest) {
                drafts.supersedeOpen(conversation);
            }
            return;
        }
        if (m.automated() != null) {
            decisions.record(m.id(), false, "No reply needed: " + m.automated() + ".");
            return;
        }
        if (attributed.customerId() == null) {
            decisions.record(m.id(), false, "No reply needed: not from a customer.");
            return;
        }
        if (!newest) {
            decisions.record(m.id(), false, "A later message in this conversation is answered instead.");
            return;
        }
        Customer customer = customers.expect(attributed.customerId());
        DraftComposer.Recall recall = composer.recall(customer, conversation, thread, m.id());
        List<IntentScore> intents = composer.intents(m, recall);
        ReplyGate.Verdict verdict = ReplyGate.decide(m, accounts.addresses().stream()
                .map(a -> a.toLowerCase(Locale.ROOT)).collect(Collectors.toSet()), intents);
        if (!verdict.drafts()) {
            decisions.record(m.id(), false, verdict.reason());
            return;
        }
        boolean note = verdict.outcome() == ReplyGate.Outcome.NOTE;
        Composition c = composer.compose(m, customer, thread, recall, intents, 0, !note);
        drafts.supersedeOpen(conversation);
        long id = drafts.insert(conversation, m.id(), customer.id(), m.fromAddress(), replySubject(m.subject()), c, note);
        decisions.record(m.id(), !note, note ? verdict.reason() : "Reply drafted from the '" + c.template()
                + "' template" + (c.writtenBy().equals("model") ? ", written by the model" : "") + ".");
        log.info("Drafted {} {} ({}) in conversation {}", note ? "note" : "reply", id, c.template(), conversation);
    }

    /** Another wording for an open draft: the next variant of its template, from the same recall. */
    Draft regenerate(long draftId) {
        synchronized (lock) {
            return tx.execute(status -> regenerateNow(draftId));
        }
    }

    private Draft regenerateNow(long draftId) {
        Draft d = drafts.expect(draftId);
        if (!d.state().open()) {
            throw new IllegalStateException("draft " + draftId + " is " + d.state() + ", cannot regenerate");
        }
        if (d.unprompted()) {
            throw new IllegalStateException("this note has one wording: change it in the editor");
        }
        StoredMessage m = messages.expect(d.replyToMessageId());
        List<StoredMessage> thread = messages.byIds(conversations.messageIds(d.conversationId()));
        Customer customer = customers.expect(d.customerId());
        DraftComposer.Recall recall = composer.recall(customer, d.conversationId(), thread, m.id());
        DraftBasis basis = drafts.basis(draftId);
        List<String> variants = templates.variants(basis.template());
        int turn = variants.indexOf(basis.variant()) + 1;
        Composition c = composer.compose(m, customer, thread, recall, basis.intents(), turn, false);
        drafts.replaceSuggestion(draftId, c);
        return drafts.expect(draftId);
    }

    static String replySubject(String subject) {
        String base = Subjects.base(subject);
        return "Re: " + (base.isEmpty() ? "your message" : base);
    }
}
