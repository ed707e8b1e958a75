package app.rapport.recall;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Service;

import app.rapport.customers.Customers;
import app.rapport.customers.MessageAttributed;
import app.rapport.mailbox.Messages;
import app.rapport.mailbox.StoredMessage;
import app.rapport.threading.ConversationsMerged;
import app.rapport.threading.Conversations;

/** Keeps the index in step with the stored messages, and rebuilds it from them on request. */
@Service
public class MessageIndexer {

    private static final Logger log = LoggerFactory.getLogger(MessageIndexer.class);

    private final MessageIndex index;
    private final Messages messages;
    private final Conversations conversations;
    private final Customers customers;

    MessageIndexer(MessageIndex index, Messages messages, Conversations conversations, Customers customers) {
        this.index = index;
        this.messages = messages;
        this.conversations = conversations;
        this.customers = customers;
    }

    @ApplicationModuleListener
    void on(MessageAttributed attributed) {
        indexMessage(attributed.messageId());
    }

    @ApplicationModuleListener
    void on(ConversationsMerged merged) {
        conversations.messageIds(merged.into()).forEach(this::indexMessage);
    }

    /** Rebuilds the whole index from the stored messages; returns how many were indexed. */
    public int rebuild(java.util.function.IntConsumer progress) {
        index.clear();
        int n = 0;
        for (long id : messages.allIds()) {
            if (indexMessage(id)) {
                n++;
            }
            progress.accept(n);
        }
        log.info("Search index rebuilt: {} messages", n);
        return n;
    }

    /** Indexes again every message of these conversations (after an import merged others into them). */
    public void reindexConversations(java.util.Collection<Long> conversationIds) {
        java.util.List<MessageIndex.Entry> entries = new java.util.ArrayList<>();
        for (long c : conversationIds) {
            for (StoredMessage m : messages.byIds(conversations.messageIds(c))) {
                Long customer = customers.ofMessage(m.id()).map(x -> x.id()).orElse(null);
                entries.add(new MessageIndex.Entry(m.id(), c, customer, m.fromAddress(), m.fromName(),
                        m.toAddresses(), m.subject(), m.text(), m.sentAt()));
                if (entries.size() >= 1_000) {
                    index.putAll(entries);
                    entries.clear();
                }
            }
        }
        index.putAll(entries);
        // One commit for all of them: committing per message made large imports wait at the end.
        index.commit();
    }

    private boolean indexMessage(long messageId) {
        var conversation = conversations.conversationOf(messageId);
        if (conversation.isEmpty()) {
            return false;
        }
        StoredMessage m = messages.expect(messageId);
        Long customer = customers.ofMessage(messageId).map(c -> c.id()).orElse(null);
        index.put(new MessageIndex.Entry(m.id(), conversation.get(), customer, m.fromAddress(), m.fromName(),
                m.toAddresses(), m.subject(), m.text(), m.sentAt()));
        return true;
    }
}
