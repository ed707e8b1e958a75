package app.rapport.recall;

import java.time.Instant;
import java.util.ArrayList;
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
 */
public record StoredBatch(List<MessageIngest.Stored> stored, List<BulkThreading.Message> toThread,
                          List<BulkAttribution.Message> toAttribute) {

    /** The other party of each message is its sender, or for the shop's own mail its first outside recipient. */
    public static StoredBatch of(List<MessageIngest.Stored> stored, Set<String> ownAddresses) {
        List<BulkThreading.Message> toThread = new ArrayList<>(stored.size());
        List<BulkAttribution.Message> toAttribute = new ArrayList<>(stored.size());
        for (MessageIngest.Stored s : stored) {
            ParsedMessage p = s.parsed();
            boolean automated = p.automated() != null;
            String party = s.direction() == Direction.INBOUND ? p.fromAddress()
                    : p.toAddresses().stream().filter(a -> !ownAddresses.contains(a)).findFirst().orElse(null);
            toThread.add(new BulkThreading.Message(s.id(), p.messageId(), p.references(), p.subject(), p.date(),
                    party, automated));
            toAttribute.add(new BulkAttribution.Message(s.id(), s.direction(), p.fromAddress(), p.fromName(),
                    p.toAddresses(), automated));
        }
        return new StoredBatch(stored, toThread, toAttribute);
    }

    /** The index entries, once threading and attribution said where each message belongs. */
    public List<MessageIndex.Entry> entries(Map<Long, Long> conversationOf, Map<Long, Long> customerOf,
                                            Instant storedAt) {
        List<MessageIndex.Entry> entries = new ArrayList<>(stored.size());
        for (MessageIngest.Stored s : stored) {
            ParsedMessage p = s.parsed();
            entries.add(new MessageIndex.Entry(s.id(), conversationOf.get(s.id()), customerOf.get(s.id()),
                    p.fromAddress(), p.fromName(), p.toAddresses(), p.subject(), p.text(),
                    p.date() != null ? p.date() : storedAt));
        }
        return entries;
    }
}
