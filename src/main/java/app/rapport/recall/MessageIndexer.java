package app.rapport.recall;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

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
    // one commit per message is right for live mail, far too slow for thousands at once
    private static final int COMMIT_EVERY = 1000;

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
        return rebuild((done, total) -> progress.accept(done));
    }

    /** How far a rebuild or repair has got: {@code done} of {@code total} messages looked at. */
    @FunctionalInterface
    public interface Progress {
        void update(int done, int total);
    }

    /**
     * Rebuilds the whole index from the stored messages, telling {@code progress} after each message; returns how
     * many were indexed (messages not yet in a conversation are indexed when they get one).
     */
    public int rebuild(Progress progress) {
        index.clear();
        int n = indexAll(messages.allIds(), progress);
        log.info("Search index rebuilt: {} messages", n);
        return n;
    }

    /** What a start-up check found and did. */
    public record Repair(long stored, long indexedBefore, int missing, int extra, int reindexed, boolean wasDamaged) {
        public boolean neededWork() {
            return missing > 0 || extra > 0 || wasDamaged;
        }
    }

    /**
     * Compares the message ids in the index with those in the database, indexes what is missing and removes what
     * the database no longer has. Cheap when they agree: one id query and one pass over the index's ids.
     */
    public Repair repair(Progress progress) {
        List<Long> stored = messages.allIds();
        Set<Long> indexed;
        boolean unreadable = false;
        try {
            indexed = index.messageIds();
        } catch (java.io.UncheckedIOException e) {
            // damage that opening did not notice shows when the documents are read: start again from empty
            log.warn("The search index could not be read ({}); it is emptied and rebuilt", e.getCause().getMessage());
            index.clear();
            indexed = Set.of();
            unreadable = true;
        }
        Set<Long> inIndex = indexed;
        List<Long> missing = stored.stream().filter(id -> !inIndex.contains(id)).toList();
        Set<Long> storedSet = new HashSet<>(stored);
        List<Long> extra = inIndex.stream().filter(id -> !storedSet.contains(id)).toList();
        if (!extra.isEmpty()) {
            index.delete(extra);
        }
        int reindexed = missing.isEmpty() ? 0 : indexAll(missing, progress);
        return new Repair(stored.size(), indexed.size(), missing.size(), extra.size(), reindexed,
                unreadable || index.rebuiltAfterDamage());
    }

    private int indexAll(List<Long> ids, Progress progress) {
        int n = 0;
        int done = 0;
        for (long id : ids) {
            if (entry(id).map(e -> {
                index.write(e);
                return e;
            }).isPresent()) {
                n++;
            }
            done++;
            if (done % COMMIT_EVERY == 0) {
                index.commit();
            }
            progress.update(done, ids.size());
        }
        index.commit();
        return n;
    }

    /** Indexes again every message of these conversations (after an import merged others into them). */
    public void reindexConversations(java.util.Collection<Long> conversationIds) {
        rewriteConversations(conversationIds);
        // One commit for all of them: committing per message made large imports wait at the end.
        index.commit();
    }

    /**
     * Writes the documents of every message of these conversations again, without committing: for a caller that
     * commits the index next anyway (an import's or a sync's {@link IndexFeed}), so the end of a run syncs the
     * index to disk once.
     */
    public void rewriteConversations(java.util.Collection<Long> conversationIds) {
        java.util.List<MessageIndex.Entry> entries = new java.util.ArrayList<>();
        for (long c : conversationIds) {
            List<StoredMessage> ofConversation = messages.byIds(conversations.messageIds(c));
            Set<String> storedParents = messages.storedMessageIds(ofConversation.stream()
                    .map(m -> QuotedLines.quotedParent(m.parentId(), m.text())).filter(Objects::nonNull).toList());
            for (StoredMessage m : ofConversation) {
                Long customer = customers.ofMessage(m.id()).map(x -> x.id()).orElse(null);
                entries.add(new MessageIndex.Entry(m.id(), c, customer, m.fromAddress(), m.fromName(),
                        m.toAddresses(), m.subject(), m.text(), m.sentAt(),
                        storedParents.contains(QuotedLines.quotedParent(m.parentId(), m.text()))));
                if (entries.size() >= 1_000) {
                    index.putAll(entries);
                    entries.clear();
                }
            }
        }
        index.putAll(entries);
    }

    private java.util.Optional<MessageIndex.Entry> entry(long messageId) {
        var conversation = conversations.conversationOf(messageId);
        if (conversation.isEmpty()) {
            return java.util.Optional.empty();
        }
        StoredMessage m = messages.expect(messageId);
        Long customer = customers.ofMessage(messageId).map(c -> c.id()).orElse(null);
        String quoted = QuotedLines.quotedParent(m.parentId(), m.text());
        boolean parentStored = quoted != null && !messages.storedMessageIds(List.of(quoted)).isEmpty();
        return java.util.Optional.of(new MessageIndex.Entry(m.id(), conversation.get(), customer, m.fromAddress(),
                m.fromName(), m.toAddresses(), m.subject(), m.text(), m.sentAt(), parentStored));
    }

    private boolean indexMessage(long messageId) {
        return entry(messageId).map(e -> {
            index.put(e);
            return e;
        }).isPresent();
    }
}
