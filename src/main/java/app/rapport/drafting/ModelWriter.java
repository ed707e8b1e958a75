package app.rapport.drafting;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import app.rapport.customers.Customer;
import app.rapport.customers.Fact;
import app.rapport.mailbox.Direction;
import app.rapport.mailbox.MailAccount;
import app.rapport.mailbox.Messages;
import app.rapport.mailbox.StoredMessage;
import app.rapport.recall.Search;
import app.rapport.recall.SearchHit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Lets a language model write the draft, through an OpenAI-compatible chat endpoint, from the conversation, the
 * recalled facts and a few of the owner's own sent replies as examples of their style. What the model writes is
 * checked by {@link FactCheck}; any failure (no answer in time, an error, an empty answer) returns nothing, and
 * the caller falls back to the template.
 */
@Component
class ModelWriter {

    private static final Logger log = LoggerFactory.getLogger(ModelWriter.class);
    private static final int MAX_CONVERSATION = 6000;

    private final ModelSettings settings;
    private final Search search;
    private final Messages messages;
    private final OwnerProfile owner;
    private final List<String> shopAddresses;
    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http;

    ModelWriter(ModelSettings settings, Search search, Messages messages, OwnerProfile owner, List<MailAccount> accounts) {
        this.settings = settings;
        this.search = search;
        this.messages = messages;
        this.owner = owner;
        this.shopAddresses = accounts.stream().map(MailAccount::address).toList();
        this.http = HttpClient.newBuilder().connectTimeout(settings.timeout()).build();
    }

    boolean enabled() {
        return settings.enabled();
    }

    Optional<Composition> write(StoredMessage m, Customer customer, List<StoredMessage> thread,
                                DraftComposer.Recall recall, List<IntentScore> intents, String template, OwnerVoice voice) {
        List<Fact> usable = recall.facts().stream().filter(f -> PersonalTouches.usable(f, m.id())).limit(12).toList();
        String answer;
        try {
            answer = ask(system(voice), user(m, customer, thread, usable, intents));
        } catch (IOException | RuntimeException e) {
            log.warn("The model at {} gave no draft ({}); using the template instead", settings.url(), e.toString());
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
        if (answer == null || answer.isBlank()) {
            log.warn("The model at {} answered with no text; using the template instead", settings.url());
            return Optional.empty();
        }
        String known = thread.stream().map(t -> t.subject() + "\n" + t.text()).collect(Collectors.joining("\n"))
                + "\n" + customer.address() + " " + (customer.displayName() == null ? "" : customer.displayName())
                + " " + (customer.firstName() == null ? "" : customer.firstName()) + "\n" + owner.name() + " "
                + owner.shop() + " " + owner.place() + "\n" + voice.greeting() + " " + voice.signOffFrom(owner.place())
                + " " + voice.signature();
        FactCheck.Result checked = FactCheck.check(answer, recall.facts(), known, m.id());
        String flag = checked.removed().isEmpty() ? null
                : "Rapport took out what the model wrote about the customer that is not in their history: "
                + checked.removed().stream().map(s -> "“" + s + "”").collect(Collectors.joining(" "));
        return Optional.of(new Composition(template, null, intents, checked.text(), Drafts.htmlOf(checked.text()),
                checked.touches(), recall.related(), "model", flag));
    }

    private String ask(String system, String user) throws IOException, InterruptedException {
        ObjectNode body = json.createObjectNode();
        body.put("model", settings.name());
        body.put("temperature", 0.4);
        ArrayNode chat = body.putArray("messages");
        chat.addObject().put("role", "system").put("content", system);
        chat.addObject().put("role", "user").put("content", user);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(settings.url().replaceAll("/+$", "") + "/chat/completions"))
                .timeout(settings.timeout())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body), StandardCharsets.UTF_8));
        if (settings.apiKey() != null && !settings.apiKey().isBlank()) {
            request.header("Authorization", "Bearer " + settings.apiKey());
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (response.statusCode() / 100 != 2) {
            throw new IOException("the model server answered HTTP " + response.statusCode());
        }
        JsonNode content = json.readTree(response.body()).path("choices").path(0).path("message").path("content");
        return content.isString() ? content.asString() : null;
    }

    private String system(OwnerVoice voice) {
        StringBuilder s = new StringBuilder();
        s.append("You write email replies for ").append(owner.name()).append(", who runs ").append(owner.shop())
                .append(", a small shop in ").append(owner.place()).append(". Write as the owner, warmly and briefly")
                .append(" (four to eight sentences), answering what the customer wrote.\n")
                .append("Rules: mention at most two remembered facts, and only facts from the list you are given;")
                .append(" never invent anything about the customer, their family, pets, places or plans.")
                .append(" Where only the owner knows the answer (prices, dates, stock, tracking), write a placeholder")
                .append(" in square brackets, e.g. [price].\n")
                .append("Start with the line \"").append(voice.greeting()).append(" <first name>,\" and end with:\n")
                .append(voice.signOffFrom(owner.place())).append('\n').append(voice.signature()).append('\n')
                .append("Answer with the email text only.\n");
        List<String> examples = styleExamples();
        if (!examples.isEmpty()) {
            s.append("\nReplies the owner wrote before, to show their style:\n");
            for (String e : examples) {
                s.append("---\n").append(e.strip()).append('\n');
            }
        }
        return s.toString();
    }

    private List<String> styleExamples() {
        List<String> examples = new ArrayList<>();
        for (String address : shopAddresses) {
            List<Long> ids = search.find("from:\"" + address.replace("\"", "") + "\"", settings.styleExamples()).hits()
                    .stream().map(SearchHit::messageId).toList();
            for (StoredMessage sent : messages.byIds(ids)) {
                if (sent.direction() == Direction.OUTBOUND && examples.size() < settings.styleExamples()) {
                    examples.add(clip(sent.newText(), 1500));
                }
            }
        }
        return examples;
    }

    private static String user(StoredMessage m, Customer customer, List<StoredMessage> thread, List<Fact> facts,
                               List<IntentScore> intents) {
        StringBuilder u = new StringBuilder();
        u.append("Customer: ").append(customer.name()).append(customer.firstName() == null ? ""
                : " (first name " + customer.firstName() + ")").append('\n');
        u.append("What the latest message does: ")
                .append(intents.stream().map(IntentScore::label).collect(Collectors.joining(", "))).append("\n\n");
        u.append("Remembered facts about the customer (the only personal facts you may use):\n");
        if (facts.isEmpty()) {
            u.append("- none\n");
        }
        for (Fact f : facts) {
            u.append("- ").append(f.kind().label()).append(": ").append(f.value())
                    .append(f.when() == null ? "" : " (" + f.when() + ")").append('\n');
        }
        u.append("\nThe conversation, oldest first:\n");
        StringBuilder conversation = new StringBuilder();
        for (StoredMessage t : thread) {
            conversation.append("--- ").append(t.direction() == Direction.OUTBOUND ? "owner" : "customer").append(": ")
                    .append(t.subject()).append('\n').append(t.newText().strip()).append('\n');
        }
        String c = conversation.toString();
        u.append(c.length() > MAX_CONVERSATION ? "…" + c.substring(c.length() - MAX_CONVERSATION) : c);
        u.append("\nWrite the reply to the last customer message.");
        return u.toString();
    }

    private static String clip(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max) + "…";
    }
}
