package app.rapport.drafting;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import app.rapport.customers.Customer;
import app.rapport.customers.Customers;
import app.rapport.mailbox.MailAccount;
import app.rapport.mailbox.Messages;
import app.rapport.mailbox.StoredMessage;
import app.rapport.threading.Conversations;

/**
 * Writes the draft a message would get, without storing anything: whether it needs a reply, and the text from
 * the templates (never the model), with the same recall as a real draft. Used to measure drafting.
 */
@Service
public class DraftPreview {

    /**
     * @param drafts   whether Rapport would write a draft (a reply or an optional note)
     * @param reason   why not, or why only a note
     * @param text     the draft that would be written, even when none would be (to measure the work), or null
     *                 when the message has no customer
     */
    public record Preview(long messageId, boolean drafts, String reason, String template, List<IntentScore> intents,
                          int touches, String text) {
    }

    private final Messages messages;
    private final Conversations conversations;
    private final Customers customers;
    private final DraftComposer composer;
    private final Set<String> shopAddresses;

    DraftPreview(Messages messages, Conversations conversations, Customers customers, DraftComposer composer,
                 List<MailAccount> accounts) {
        this.messages = messages;
        this.conversations = conversations;
        this.customers = customers;
        this.composer = composer;
        this.shopAddresses = accounts.stream().map(a -> a.address().toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
    }

    @Transactional(readOnly = true)
    public Optional<Preview> of(long messageId) {
        StoredMessage m = messages.expect(messageId);
        Optional<Customer> customer = customers.ofMessage(messageId);
        long conversation = conversations.conversationOf(messageId).orElse(-1L);
        if (customer.isEmpty() || conversation < 0) {
            return Optional.empty();
        }
        List<StoredMessage> thread = messages.byIds(conversations.messageIds(conversation));
        DraftComposer.Recall recall = composer.recall(customer.get(), conversation, thread, messageId);
        List<IntentScore> intents = composer.intents(m, recall);
        ReplyGate.Verdict verdict = ReplyGate.decide(m, shopAddresses, intents);
        Composition c = composer.compose(m, customer.get(), thread, recall, intents, 0, false);
        return Optional.of(new Preview(messageId, verdict.drafts(), verdict.reason(), c.template(), intents,
                c.touches().size(), c.text()));
    }
}
