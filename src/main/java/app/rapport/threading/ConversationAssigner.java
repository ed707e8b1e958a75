package app.rapport.threading;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.scheduling.annotation.Async;
import org.springframework.stereotype.Service;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

import app.rapport.mailbox.MessageStored;
import app.rapport.mailbox.Messages;
import app.rapport.mailbox.StoredMessage;

/**
 * Puts each stored message into a conversation. A message joins every conversation it is linked to by
 * Message-ID, in either direction: its parents (References, In-Reply-To) and any children that arrived before
 * it. When those were separate conversations they are merged, so arrival order never splits a thread.
 */
@Service
class ConversationAssigner {

    private final JdbcClient jdbc;
    private final Messages messages;
    private final Conversations conversations;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate tx;
    private final Object lock = new Object();

    ConversationAssigner(JdbcClient jdbc, Messages messages, Conversations conversations,
                         ApplicationEventPublisher events, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.messages = messages;
        this.conversations = conversations;
        this.events = events;
        this.tx = tx;
    }

    @Async
    @TransactionalEventListener
    void on(MessageStored stored) {
        // Serialised, commit included, so two related messages threaded at once cannot each start a
        // conversation of their own.
        synchronized (lock) {
            tx.executeWithoutResult(status -> assign(stored.messageId()));
        }
    }

    long assign(long messageId) {
        var existing = conversations.conversationOf(messageId);
        if (existing.isPresent()) {
            return existing.get();
        }
        StoredMessage m = messages.expect(messageId);
        Set<String> linkedIds = new LinkedHashSet<>(m.references());
        linkedIds.add(m.messageId());
        Set<Long> related = new LinkedHashSet<>(messages.idsByMessageIds(linkedIds));
        related.addAll(messages.idsReferencing(m.messageId()));
        related.remove(messageId);
        TreeSet<Long> found = new TreeSet<>();
        for (Long other : related) {
            conversations.conversationOf(other).ifPresent(found::add);
        }
        long conversation;
        if (found.isEmpty()) {
            conversation = create(m);
        } else {
            conversation = found.first();
            List<Long> merged = new ArrayList<>(found.tailSet(conversation, false));
            if (!merged.isEmpty()) {
                merge(conversation, merged);
            }
        }
        jdbc.sql("insert into conversation_messages (message, conversation) values (?, ?)")
                .params(messageId, conversation).update();
        refresh(conversation);
        events.publishEvent(new MessageThreaded(messageId, conversation, m.direction()));
        return conversation;
    }

    private long create(StoredMessage m) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        Timestamp at = Timestamp.from(m.sentAt());
        String subject = Subjects.base(m.subject());
        jdbc.sql("insert into conversations (subject, started_at, last_message_at, message_count) values (?, ?, ?, 0)")
                .params(subject.isEmpty() ? "(no subject)" : subject, at, at).update(key, "id");
        return key.getKey().longValue();
    }

    private void merge(long into, List<Long> merged) {
        jdbc.sql("update conversation_messages set conversation = :into where conversation in (:merged)")
                .param("into", into).param("merged", merged).update();
        jdbc.sql("delete from conversations where id in (:merged)").param("merged", merged).update();
        events.publishEvent(new ConversationsMerged(into, List.copyOf(merged)));
    }

    /** Recomputes subject, start, latest activity and size from the conversation's messages. */
    private void refresh(long conversation) {
        List<StoredMessage> all = messages.byIds(conversations.messageIds(conversation));
        if (all.isEmpty()) {
            return;
        }
        StoredMessage first = all.getFirst();
        Instant last = all.stream().map(StoredMessage::sentAt).max(Instant::compareTo).orElse(first.sentAt());
        String subject = Subjects.base(first.subject());
        jdbc.sql("update conversations set subject = ?, started_at = ?, last_message_at = ?, message_count = ? where id = ?")
                .params(subject.isEmpty() ? "(no subject)" : subject, Timestamp.from(first.sentAt()),
                        Timestamp.from(last), all.size(), conversation)
                .update();
    }
}
