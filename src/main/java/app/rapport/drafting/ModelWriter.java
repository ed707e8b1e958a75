package app.rapport.drafting;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.ai.chat.messages.SystemMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.openai.OpenAiChatModel;
import org.springframework.ai.openai.OpenAiChatOptions;
import org.springframework.stereotype.Component;

import app.rapport.customers.Customer;
import app.rapport.customers.Fact;
import app.rapport.mailbox.Direction;
import app.rapport.mailbox.MailAccount;
import app.rapport.mailbox.Messages;
import app.rapport.mailbox.StoredMessage;
import app.rapport.recall.Search;
import app.rapport.recall.SearchHit;

/**
 * Lets a language model write the draft, through Spring AI's chat model for an OpenAI-compatible endpoint, from the
 * conversation, the recalled facts and a few of the owner's own sent replies as examples of their style. What the
 * model writes is checked by {@link FactCheck}; any failure (no answer in time, an error, an empty answer) returns
 * nothing, and the caller falls back to the template. The chat model is built from Rapport's own settings, and only
 * when a model URL is set: no Spring AI auto-configuration runs, so nothing asks for keys at start.
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
    private final ChatModel chat;

    ModelWriter(ModelSettings settings, Search search, Messages messages, OwnerProfile owner, List<MailAccount> accounts) {
        this.settings = settings;
        this.search = search;
        this.messages = messages;
        this.owner = owner;
        this.shopAddresses = accounts.stream().map(MailAccount::address).toList();
        this.chat = settings.enabled() ? chatModel(settings) : null;
    }

    private static ChatModel chatModel(ModelSettings settings) {
        // Local servers (Ollama, llama.cpp) need no key, but the client insists on one; they ignore it.
        String key = settings.apiKey() == null || settings.apiKey().isBlank() ? "none" : settings.apiKey();
        OpenAiChatOptions options = OpenAiChatOptions.builder()
                .baseUrl(settings.url().replaceAll("/+$", ""))
                .apiKey(key)
                .model(settings.name())
                .temperature(0.4)
                .timeout(settings.timeout())
                // A retry would keep the owner waiting past the timeout; the template is the fallback instead.
                .maxRetries(0)
                .build();
        return OpenAiChatModel.builder().options(options).build();
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
        } catch (RuntimeException e) {
            log.warn("The model at {} gave no draft ({}); using the template instead", settings.url(), e.toString());
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

    private String ask(String system, String user) {
        if (chat == null) {
            throw new IllegalStateException("no model is configured");
        }
        ChatResponse response = chat.call(new Prompt(List.of(new SystemMessage(system), new UserMessage(user))));
        return response == null || response.getResult() == null ? null : response.getResult().getOutput().getText();
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
