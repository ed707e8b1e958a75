package app.rapport.web;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.stereotype.Service;

import app.rapport.customers.Customer;
import app.rapport.customers.CustomerSummary;
import app.rapport.customers.Customers;
import app.rapport.customers.Fact;
import app.rapport.customers.FactKind;
import app.rapport.customers.Facts;
import app.rapport.customers.MergeSuggestion;
import app.rapport.customers.Note;
import app.rapport.mailbox.Messages;
import app.rapport.mailbox.StoredMessage;
import app.rapport.recall.CustomerRecall;
import app.rapport.recall.Recollection;
import app.rapport.recall.Search;
import app.rapport.recall.SearchResults;
import app.rapport.threading.Conversation;
import app.rapport.threading.Conversations;

/** Puts together the customer pages and the customer panel of a conversation. */
@Service
class CustomerViews {

    static final int PAGE = 50;

    /** A fact as shown: where its sentence can be read ({@code sourceLink}, null for facts added by hand). */
    record FactView(Fact fact, String sourceLink, String sourceSubject) {
    }

    record KindGroup(FactKind kind, List<FactView> facts) {
    }

    record CustomerPage(Customer person, List<Customer> addresses, List<KindGroup> groups, List<Note> notes,
                        List<Conversation> timeline, List<MergeSuggestion> suggestions, SearchResults results) {
    }

    /** A message body cut around the sentence a fact came from, so the page can mark it. */
    record Highlight(long messageId, String before, String marked, String after) {
    }

    record Panel(Recollection recall, List<FactView> facts) {
    }

    private final Customers customers;
    private final Facts facts;
    private final Messages messages;
    private final Conversations conversations;
    private final CustomerRecall recall;
    private final Search search;
    private final ViewCache<PanelKey, Optional<Panel>> panels;
    private final Clock clock;

    /** Facts are ranked partly by their age in days, so a kept panel is also renewed as the hours pass. */
    private record PanelKey(long conversationId, Instant hour) {
    }

    CustomerViews(Customers customers, Facts facts, Messages messages, Conversations conversations,
                  CustomerRecall recall, Search search, DataVersion version, Clock clock) {
        this.clock = clock;
        this.panels = new ViewCache<>(version, 64);
        this.customers = customers;
        this.facts = facts;
        this.messages = messages;
        this.conversations = conversations;
        this.recall = recall;
        this.search = search;
    }

    List<CustomerSummary> list(String query, int page) {
        return customers.people(query, Math.max(0, page) * PAGE, PAGE);
    }

    CustomerPage page(long id, String query) {
        Customer person = customers.personOf(id);
        List<Long> ids = customers.addressesOf(person.id());
        List<Customer> addresses = new ArrayList<>();
        addresses.add(person);
        addresses.addAll(customers.mergedInto(person.id()));
        Map<FactKind, List<FactView>> byKind = new EnumMap<>(FactKind.class);
        for (Fact f : facts.of(ids)) {
            byKind.computeIfAbsent(f.kind(), k -> new ArrayList<>()).add(view(f));
        }
        List<KindGroup> groups = byKind.entrySet().stream().map(e -> new KindGroup(e.getKey(), e.getValue())).toList();
        List<Conversation> timeline = customers.messageIds(person.id()).stream()
                .map(conversations::conversationOf).flatMap(Optional::stream).distinct()
                .map(conversations::expect)
                .sorted(java.util.Comparator.comparing(Conversation::lastMessageAt).reversed()).toList();
        SearchResults results = query == null || query.isBlank() ? null : search.findForCustomer(person.id(), query, 50);
        return new CustomerPage(person, addresses, groups, facts.notes(ids), timeline,
                customers.mergeSuggestions(person.id()), results);
    }

    /**
     * The panel as of the last committed change. The search index it also reads is updated by a listener whose end
     * is itself recorded in the database, so that change moves the data version too.
     */
    Optional<Panel> panel(long conversationId) {
        return panels.get(new PanelKey(conversationId, Instant.now(clock).truncatedTo(ChronoUnit.HOURS)),
                () -> readPanel(conversationId));
    }

    private Optional<Panel> readPanel(long conversationId) {
        List<Long> ids = conversations.messageIds(conversationId);
        Optional<Long> latestFromCustomer = messages.byIds(ids).reversed().stream()
                .filter(m -> customers.ofMessage(m.id()).isPresent()).map(StoredMessage::id).findFirst();
        return latestFromCustomer.map(id -> {
            Recollection r = recall.forMessage(id, 8);
            return new Panel(r, r.facts().stream().map(this::view).toList());
        });
    }

    /** The sentence of a fact marked in its message, when the fact belongs to this conversation. */
    Optional<Highlight> highlight(long conversationId, Long factId) {
        if (factId == null) {
            return Optional.empty();
        }
        return facts.find(factId)
                .filter(f -> f.messageId() != null && f.sentence() != null)
                .filter(f -> conversations.conversationOf(f.messageId()).filter(c -> c == conversationId).isPresent())
                .flatMap(f -> cut(messages.expect(f.messageId()), f.sentence()));
    }

    static Optional<Highlight> cut(StoredMessage m, String sentence) {
        // The sentence was read with its line breaks joined, so match any run of spaces and breaks.
        String[] words = sentence.strip().split("\\s+");
        StringBuilder regex = new StringBuilder();
        for (String w : words) {
            if (!regex.isEmpty()) {
                regex.append("\\s+");
            }
            regex.append(Pattern.quote(w));
        }
        Matcher found = Pattern.compile(regex.toString()).matcher(m.newText());
        if (!found.find()) {
            return Optional.empty();
        }
        String text = m.newText();
        return Optional.of(new Highlight(m.id(), text.substring(0, found.start()), found.group(),
                text.substring(found.end())));
    }

    private FactView view(Fact f) {
        if (f.messageId() == null) {
            return new FactView(f, null, null);
        }
        return conversations.conversationOf(f.messageId())
                .map(c -> new FactView(f, "/conversations/" + c + "?fact=" + f.id() + "#m" + f.messageId(),
                        conversations.expect(c).subject()))
                .orElse(new FactView(f, null, null));
    }
}
