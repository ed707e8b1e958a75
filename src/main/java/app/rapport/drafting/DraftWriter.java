package app.rapport.drafting;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
    private final TemplateRenderer templates;
    private final OwnerProfile owner;
    private final TransactionTemplate tx;
    private final Object lock = new Object();

    DraftWriter(Messages messages, Conversations conversations, Customers customers, Drafts drafts,
                ReplyDecisions decisions, TemplateRenderer templates, OwnerProfile owner, TransactionTemplate tx) {
        this.messages = messages;
        this.conversations = conversations;
        this.customers = customers;
        this.drafts = drafts;
        this.decisions = decisions;
        this.templates = templates;
        this.owner = owner;
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
        Intents.Intent intent = Intents.classify(m.subject(), m.newText());
        Map<String, Object> vars = new HashMap<>();
        vars.put("customer", customer);
        vars.put("owner", owner);
        vars.put("subject", Subjects.base(m.subject()));
        vars.put("excerpt", Intents.excerpt(intent, m.newText()));
        vars.put("order", Intents.order(m.subject(), m.newText()));
        TemplateRenderer.Rendered rendered = templates.render(intent.name(), vars);
        drafts.supersedeOpen(conversation);
        String subject = replySubject(m.subject());
        long id = drafts.insert(conversation, m.id(), customer.id(), intent.name(), rendered.template(),
                m.fromAddress(), subject, rendered.text(), rendered.html());
        decisions.record(m.id(), true, "Reply drafted from the '" + rendered.template() + "' template.");
        log.info("Drafted reply {} ({}) in conversation {}", id, intent.name(), conversation);
    }

    static String replySubject(String subject) {
        String base = Subjects.base(subject);
        return "Re: " + (base.isEmpty() ? "your message" : base);
    }
}
