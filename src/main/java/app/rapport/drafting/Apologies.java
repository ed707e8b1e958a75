package app.rapport.drafting;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import app.rapport.customers.Customer;
import app.rapport.customers.Customers;
import app.rapport.mailbox.Direction;
import app.rapport.mailbox.Messages;
import app.rapport.mailbox.StoredMessage;
import app.rapport.recall.Search;
import app.rapport.recall.SearchHit;
import app.rapport.recall.SearchResults;
import app.rapport.threading.Conversations;

/**
 * "Sorry, to everyone affected": finds the customers who wrote about an incident in its window and drafts a
 * personal apology for each (their name, what they wrote, the owner's offer), as one batch the owner approves
 * draft by draft or all at once.
 */
@Service
public class Apologies {

    private static final int SEARCHED = 500;

    private final Search search;
    private final Messages messages;
    private final Customers customers;
    private final Conversations conversations;
    private final Drafts drafts;
    private final TemplateRenderer templates;
    private final OwnerProfile owner;
    private final OwnerVoices voices;
    private final Clock clock;

    Apologies(Search search, Messages messages, Customers customers, Conversations conversations, Drafts drafts,
              TemplateRenderer templates, OwnerProfile owner, OwnerVoices voices, Clock clock) {
        this.search = search;
        this.messages = messages;
        this.customers = customers;
        this.conversations = conversations;
        this.drafts = drafts;
        this.templates = templates;
        this.owner = owner;
        this.voices = voices;
        this.clock = clock;
    }

    /**
     * Drafts the apologies; a customer who wrote several times gets one, answering their latest message.
     *
     * @return the batch's name, for {@link Drafts#inBatch}
     */
    @Transactional
    public String draft(Incident incident) {
        SearchResults results = search.find(incident.search(), SEARCHED);
        if (results.error() != null) {
            throw new IllegalArgumentException(results.error());
        }
        Map<Long, StoredMessage> latestByCustomer = new LinkedHashMap<>();
        Map<Long, Customer> who = new LinkedHashMap<>();
        for (SearchHit hit : results.hits()) {
            for (long id : conversations.messageIds(hit.conversationId())) {
                StoredMessage m = messages.expect(id);
                if (m.direction() != Direction.INBOUND || m.automated() != null || m.sentAt() == null
                        || m.sentAt().isBefore(incident.from()) || !m.sentAt().isBefore(incident.until())) {
                    continue;
                }
                Optional<Customer> c = customers.ofMessage(id);
                if (c.isEmpty()) {
                    continue;
                }
                Customer person = customers.personOf(c.get().id());
                who.putIfAbsent(person.id(), c.get());
                latestByCustomer.merge(person.id(), m, (a, b) -> a.sentAt().isAfter(b.sentAt()) ? a : b);
            }
        }
        String batch = "apology-" + Instant.now(clock).toEpochMilli();
        OwnerVoice voice = voices.current();
        for (Map.Entry<Long, StoredMessage> e : latestByCustomer.entrySet()) {
            StoredMessage m = e.getValue();
            Customer customer = who.get(e.getKey());
            long conversation = conversations.conversationOf(m.id()).orElseThrow();
            List<IntentScore> intents = Intents.score(m.subject(), m.newText(), false);
            Map<String, Object> vars = DraftComposer.variables(customer, owner, voice, m.subject(),
                    aboutIt(incident.search(), m.newText()).orElseGet(() -> Intents.excerpt(intents, m.newText())),
                    Intents.order(m.subject(), m.newText()), List.of());
            vars.put("incident", incident.whatHappened());
            vars.put("offer", incident.offer());
            TemplateRenderer.Rendered r = templates.render("apology", vars);
            Composition c = new Composition(r.template(), r.variant(), intents, r.text(), r.html(), List.of(),
                    List.of(), "template", null);
            drafts.supersedeOpen(conversation);
            long id = drafts.insert(conversation, m.id(), customer.id(), m.fromAddress(),
                    DraftWriter.replySubject(m.subject()), c, false);
            drafts.markBatch(id, batch);
        }
        return batch;
    }

    /** The sentence of the customer's that uses most of the incident's words: what they wrote about it. */
    static Optional<String> aboutIt(String search, String text) {
        if (text == null) {
            return Optional.empty();
        }
        List<String> words = new ArrayList<>();
        for (String w : search.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (w.length() > 2 && !List.of("and", "not", "from", "subject").contains(w)) {
                words.add(w);
            }
        }
        String best = null;
        long bestHits = 0;
        for (String raw : text.strip().split("(?<=[.!?])\\s+|\\n\\s*\\n")) {
            String sentence = raw.replaceAll("\\s+", " ").strip();
            String lower = sentence.toLowerCase(Locale.ROOT);
            long hits = words.stream().filter(lower::contains).count();
            if (hits > bestHits && sentence.length() <= 200) {
                best = sentence;
                bestHits = hits;
            }
        }
        return Optional.ofNullable(best);
    }

    /** Approves every open draft of the batch; returns how many were approved now. */
    @Transactional
    public int approveAll(String batch) {
        int n = 0;
        for (Draft d : drafts.inBatch(batch)) {
            if (d.state().open() && drafts.approve(d.id(), null, null)) {
                n++;
            }
        }
        return n;
    }

}
