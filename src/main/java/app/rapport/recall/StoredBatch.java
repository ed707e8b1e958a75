package app.rapport.recall;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import app.rapport.customers.BulkAttribution;
import app.rapport.mailbox.Direction;
import app.rapport.mailbox.MessageIngest;
import app.rapport.mailbox.ParsedMessage;
import app.rapport.threading.BulkThreading;

/**
 * A batch of messages just stored in bulk (an import, a first sync of old mail), as the later bulk steps take it:
 * what threading and customer attribution need, and then what the index needs.
 *
 * @param quotedParents per message, the Message-ID of the message it answers when its text quotes (has lines
 *                      that start with {@code >}), else null
 */
public record StoredBatch(List<MessageIngest.Stored> stored, List<BulkThreading.Message> toThread,
                          List<BulkAttribution.Message> toAttribute, List<String> quotedParents) {

    /** The other party of each message is its sender, or for the shop's own mail its first outside recipient. */
    public static StoredBatch of(List<MessageIngest.Stored> stored, Set<String> ownAddresses) {
        List<BulkThreading.Message> toThread = new ArrayList<>(stored.size());
        List<BulkAttribution.Message> toAttribute = new ArrayList<>(stored.size());
        List<String> quotedParents = new ArrayList<>(stored.size());
        for (MessageIngest.Stored s : stored) {
            ParsedMessage p = s.parsed();
            boolean automated = p.automated() != null;
            String party = s.direction() == Direction.INBOUND ? p.fromAddress()
                    : p.toAddresses().stream().filter(a -> !ownAddresses.contains(a)).findFirst().orElse(null);
            toThread.add(new BulkThreading.Message(s.id(), p.messageId(), p.references(), p.subject(), p.date(),
                    party, automated));
            toAttribute.add(new BulkAttribution.Message(s.id(), s.direction(), p.fromAddress(), p.fromName(),
                    p.toAddresses(), automated));
            quotedParents.add(QuotedLines.quotedParent(p.parentId(), p.text()));
        }
        return new StoredBatch(stored, toThread, toAttribute, quotedParents);
    }

    /** The Message-IDs of the messages this batch's quoting replies answer: ask which are stored. */
    public Set<String> parentsToLookUp() {
        Set<String> ids = new HashSet<>();
        for (String parent : quotedParents) {
            if (parent != null) {
                ids.add(parent);
            }
        }
        return ids;
    }

    /**
     * What the index takes of each message, once threading and attribution said where it belongs and the
     * database said which of {@link #parentsToLookUp()} are stored: a reply whose parent is not stored yet waits
     * in the {@link IndexFeed} for it.
     */
    public List<IndexFeed.Item> entries(Map<Long, Long> conversationOf, Map<Long, Long> customerOf,
                                        Instant storedAt, Set<String> storedParents) {
        List<IndexFeed.Item> items = new ArrayList<>(stored.size());
        for (int i = 0; i < stored.size(); i++) {
            MessageIngest.Stored s = stored.get(i);
            ParsedMessage p = s.parsed();
            String parent = quotedParents.get(i);
            boolean parentStored = parent != null && storedParents.contains(parent);
            MessageIndex.Entry entry = new MessageIndex.Entry(s.id(), conversationOf.get(s.id()),
                    customerOf.get(s.id()), p.fromAddress(), p.fromName(), p.toAddresses(), p.subject(), p.text(),
                    p.date() != null ? p.date() : storedAt, parentStored);
            items.add(new IndexFeed.Item(entry, p.messageId(), parent == null || parentStored ? null : parent));
        }
        return items;
    }
}
