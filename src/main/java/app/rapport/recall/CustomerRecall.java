package app.rapport.recall;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.springframework.stereotype.Service;

import app.rapport.customers.Customer;
import app.rapport.customers.Customers;
import app.rapport.customers.Fact;
import app.rapport.customers.Facts;
import app.rapport.mailbox.Messages;
import app.rapport.mailbox.StoredMessage;
import app.rapport.threading.Conversations;

/** Answers "what should I remember when replying to this?" for one message. */
@Service
public class CustomerRecall {

    private static final Duration HALF_LIFE = Duration.ofDays(180);

    private final Messages messages;
    private final Conversations conversations;
    private final Customers customers;
    private final Facts facts;
    private final MessageIndex index;
    private final Clock clock;

    /** How many of a customer's latest messages are looked through for their earlier conversations. */
    private static final int EARLIER_WINDOW = 300;

    CustomerRecall(Messages messages, Conversations conversations, Customers customers, Facts facts,
                   MessageIndex index, Clock clock) {
        this.messages = messages;
        this.conversations = conversations;
        this.customers = customers;
        this.facts = facts;
        this.index = index;
        this.clock = clock;
    }

    /** What to remember when replying to this message; empty when it concerns no customer. */
    public Recollection forMessage(long messageId, int limit) {
        StoredMessage m = messages.expect(messageId);
        Optional<Customer> address = customers.ofMessage(messageId);
        long conversation = conversations.conversationOf(messageId).orElse(-1L);
        if (address.isEmpty()) {
            return Recollection.none();
        }
        Customer person = customers.personOf(address.get().id());
        List<Long> ids = customers.addressesOf(person.id());
        String text = m.subject() + "\n" + m.newText();
        return new Recollection(Optional.of(person), rankedFacts(ids, text, limit),
                earlier(person.id(), conversation, limit),
                index.similar(text, conversation, ids, true, limit, messages::texts),
                index.similar(text, conversation, ids, false, limit, messages::texts));
    }

    /** The facts to show: the owner's first, then strong suggestions; in each, the most relevant and recent first. */
    List<Fact> rankedFacts(List<Long> customerIds, String text, int limit) {
        Set<String> words = words(text);
        Instant now = Instant.now(clock);
        return facts.of(customerIds).stream()
                .filter(f -> f.state().vouched() || f.strong())
                .sorted(Comparator.comparing((Fact f) -> !f.state().vouched())
                        .thenComparing(Comparator.comparingDouble((Fact f) -> score(f, words, now)).reversed()))
                .limit(limit)
                .toList();
    }

    private static double score(Fact f, Set<String> messageWords, Instant now) {
        Set<String> factWords = words(f.value() + " " + (f.sentence() == null ? "" : f.sentence()));
        long shared = factWords.stream().filter(messageWords::contains).count();
        double relevance = factWords.isEmpty() ? 0 : (double) shared / Math.sqrt(factWords.size());
        double ageDays = Math.max(0, Duration.between(f.saidAt(), now).toDays());
        double recency = Math.pow(0.5, ageDays / HALF_LIFE.toDays());
        return relevance + recency + f.confidence() * 0.5;
    }

    private List<Recollection.EarlierConversation> earlier(long personId, long current, int limit) {
        // Two look-ups by key, over the customer's latest messages only: someone with thousands of messages (a
        // mailing list's regulars) must not make every draft read all of them; the recent ones name the
        // conversations worth recalling.
        List<Long> ids = customers.messageIds(personId);
        List<Long> recent = ids.size() > EARLIER_WINDOW ? ids.subList(0, EARLIER_WINDOW) : ids;
        List<Recollection.EarlierConversation> out = new ArrayList<>();
        conversations.latestHolding(recent, current, limit).forEach((c, firstId) -> {
            StoredMessage first = messages.expect(firstId);
            out.add(new Recollection.EarlierConversation(c.id(), c.subject(), c.startedAt(), c.lastMessageAt(),
                    c.messageCount(), firstLines(first.newText())));
        });
        return out;
    }

    /** The opening of what someone wrote, skipping the greeting line. */
    static String firstLines(String text) {
        List<String> lines = text == null ? List.of() : text.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        int start = !lines.isEmpty() && lines.getFirst().length() < 30 && lines.getFirst().matches("(?i)(hi|hello|dear|hey|good|guten|bonjour|hallo)\\b.*") ? 1 : 0;
        String joined = String.join(" ", lines.subList(Math.min(start, lines.size()), lines.size()));
        return joined.length() <= 160 ? joined : joined.substring(0, 159) + "…";
    }

    private static Set<String> words(String text) {
        Set<String> out = new HashSet<>();
        for (String w : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (w.length() > 3) {
                out.add(w);
            }
        }
        return out;
    }
}
