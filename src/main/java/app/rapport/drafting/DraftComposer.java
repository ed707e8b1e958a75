package app.rapport.drafting;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

import app.rapport.customers.Customer;
import app.rapport.customers.Fact;
import app.rapport.mailbox.Direction;
import app.rapport.mailbox.StoredMessage;
import app.rapport.recall.CustomerRecall;
import app.rapport.recall.Recollection;
import app.rapport.threading.Subjects;

/**
 * Writes one draft: recalls what is known about the customer (remembered facts, their other conversations),
 * reads the message's intents, and renders the template in the owner's voice, or lets the model write it when
 * one is configured and answers in time.
 */
@Component
class DraftComposer {

    /** How many remembered facts to consider: a few more than a draft uses, so the best fitting can be chosen. */
    private static final int RECALLED = 12;

    private final CustomerRecall recall;
    private final TemplateRenderer templates;
    private final OwnerProfile owner;
    private final OwnerVoices voices;
    private final ModelWriter model;

    DraftComposer(CustomerRecall recall, TemplateRenderer templates, OwnerProfile owner, OwnerVoices voices,
                  ModelWriter model) {
        this.recall = recall;
        this.templates = templates;
        this.owner = owner;
        this.voices = voices;
        this.model = model;
    }

    /** What Rapport recalls about a customer when it answers them. */
    record Recall(List<Fact> facts, List<Long> related, boolean firstContact) {
    }

    Recall recall(Customer customer, long conversation, List<StoredMessage> thread, long messageId) {
        Recollection recollection = recall.forMessage(messageId, RECALLED);
        List<Long> related = recollection.earlier().stream().map(Recollection.EarlierConversation::conversationId)
                .filter(id -> id != conversation).limit(3).toList();
        boolean earlierInThread = thread.stream().anyMatch(o -> o.id() != messageId && o.direction() == Direction.INBOUND
                && customer.address().equalsIgnoreCase(o.fromAddress()));
        return new Recall(recollection.facts(), related, recollection.earlier().isEmpty() && !earlierInThread);
    }

    List<IntentScore> intents(StoredMessage m, Recall recall) {
        return Intents.score(m.subject(), m.newText(), recall.firstContact());
    }

    /**
     * @param turn    which wording of the template: 0 first, 1 the next variant…
     * @param allowModel whether the model may write it (an optional closing note is always from the template)
     */
    Composition compose(StoredMessage m, Customer customer, List<StoredMessage> thread, Recall recall,
                        List<IntentScore> intents, int turn, boolean allowModel) {
        String template = Intents.template(intents);
        List<PersonalTouches.Picked> touches = PersonalTouches.pick(recall.facts(), template, m.id());
        OwnerVoice voice = voices.current();
        if (allowModel && model.enabled()) {
            Optional<Composition> written = model.write(m, customer, thread, recall, intents, template, voice);
            if (written.isPresent()) {
                return written.get();
            }
        }
        Map<String, Object> vars = variables(customer, owner, voice, m.subject(), Intents.excerpt(intents, m.newText()),
                Intents.order(m.subject(), m.newText()), touches.stream().map(PersonalTouches.Picked::text).toList());
        vars.put("firstContact", Intents.has(intents, IntentKind.FIRST_CONTACT));
        TemplateRenderer.Rendered r = templates.render(template, turn, vars);
        return new Composition(r.template(), r.variant(), intents, r.text(), r.html(), touches, recall.related(),
                "template", null);
    }

    /** The variables every template gets (listed in {@code mail-templates/README.md}). */
    static Map<String, Object> variables(Customer customer, OwnerProfile owner, OwnerVoice voice, String subject,
                                         String excerpt, String order, List<String> personal) {
        Map<String, Object> vars = new HashMap<>();
        vars.put("customer", customer);
        vars.put("owner", owner);
        vars.put("voice", voice);
        vars.put("greeting", voice.greet(customer == null ? null : customer.firstName()));
        vars.put("signOff", voice.signOffFrom(owner.place()));
        vars.put("signature", voice.signature());
        vars.put("signatureLines", List.of(voice.signature().split("\n")));
        vars.put("subject", Subjects.base(subject == null ? "" : subject));
        vars.put("excerpt", excerpt);
        vars.put("order", order);
        vars.put("personal", String.join(" ", personal));
        vars.put("firstContact", false);
        return vars;
    }

    static List<Long> sourceMessages(List<PersonalTouches.Picked> touches) {
        return touches.stream().map(t -> t.fact().messageId()).collect(Collectors.toCollection(ArrayList::new));
    }
}
