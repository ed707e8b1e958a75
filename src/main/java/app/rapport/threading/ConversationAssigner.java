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
    private final Set<String> ownAddresses;
    private final BulkThreading bulk;

    ConversationAssigner(JdbcClient jdbc, Messages messages, Conversations conversations,
                         ApplicationEventPublisher events, TransactionTemplate tx,
                         List<app.rapport.mailbox.MailAccount> accounts, BulkThreading bulk) {
        this.bulk = bulk;
        this.ownAddresses = accounts.stream().map(app.rapport.mailbox.MailAccount::address)
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
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
        bulk.threadedLive(stored.messageId());
    }

    long assign(long messageId) {
        var existing = conversations.conversationOf(messageId);
        if (existing.isPresent()) {
            return existing.get();
        }
        StoredMessage m = messages.expect(messageId);
        boolean automated = m.automated() != null;
        Set<String> linkedIds = new LinkedHashSet<>(m.references());
        linkedIds.add(m.messageId());
        List<StoredMessage> parents = messages.byIds(messages.idsByMessageIds(linkedIds));
        Set<Long> related = new LinkedHashSet<>();
        for (StoredMessage p : parents) {
            // Copies of this very message always belong together; a person's answer to bulk mail does not.
            if (p.messageId().equals(m.messageId()) || ThreadRules.mayLink(automated, p.automated() != null)) {
                related.add(p.id());
            }
        }
        Set<String> stored = new java.util.HashSet<>();
        parents.forEach(p -> stored.add(p.messageId()));
        for (String ref : m.references()) {
            if (automated && !stored.contains(ref)) {
                // Bulk replies to the same missing message belong together (JWZ's empty containers).
                messages.byIds(messages.idsReferencing(ref)).stream().filter(o -> o.automated() != null)
                        .forEach(o -> related.add(o.id()));
            }
        }
        for (StoredMessage child : messages.byIds(messages.idsReferencing(m.messageId()))) {
            if (ThreadRules.mayLink(child.automated() != null, automated)) {
                related.add(child.id());
            }
        }
        related.remove(messageId);
        if (related.isEmpty() && m.references().isEmpty()) {
            bySubject(m).ifPresent(related::add);
        }
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

    /**
     * A message without threading headers joins the conversation of the nearest message with the same subject and
     * the same customer within {@link ThreadRules#SUBJECT_WINDOW}, if there is one.
     */
    private java.util.Optional<Long> bySubject(StoredMessage m) {
        String key = ThreadRules.subjectKey(m.subject());
        String party = party(m);
        if (key == null || party == null) {
            return java.util.Optional.empty();
        }
        List<Long> candidates = jdbc.sql("""
                select m.id from messages m join conversation_messages cm on cm.message = m.id
                join conversations c on c.id = cm.conversation
                where lower(c.subject) = :subject and m.id <> :id
                  and coalesce(m.sent_at, m.stored_at) between :from and :to""")
                .param("subject", Subjects.base(m.subject()).toLowerCase(java.util.Locale.ROOT))
                .param("id", m.id())
                .param("from", Timestamp.from(m.sentAt().minus(ThreadRules.SUBJECT_WINDOW)))
                .param("to", Timestamp.from(m.sentAt()))
                .query(Long.class).list();
        return messages.byIds(candidates).stream()
                .filter(o -> key.equals(ThreadRules.subjectKey(o.subject())) && party.equals(party(o)))
                .max(java.util.Comparator.comparing(StoredMessage::sentAt))
                .map(StoredMessage::id);
    }

    /** The customer side of a message: who sent it in, or whom the shop wrote to. */
    private String party(StoredMessage m) {
        if (m.direction() == app.rapport.mailbox.Direction.INBOUND) {
            return m.fromAddress();
        }
        return m.toAddresses().stream().filter(a -> !ownAddresses.contains(a)).findFirst().orElse(null);
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
