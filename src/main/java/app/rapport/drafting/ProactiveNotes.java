package app.rapport.drafting;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import app.rapport.customers.Customer;
import app.rapport.customers.Customers;
import app.rapport.mailbox.Direction;
import app.rapport.mailbox.Messages;
import app.rapport.mailbox.StoredMessage;

/**
 * Suggests notes at the right moments: a welcome some days after the owner answered a first-time customer, and a
 * check-in some days after a problem was answered. Discreet: at most one suggested note per customer in the quiet
 * period, none while a draft for them is open, none to a customer who asked not to be contacted. Each note is a
 * draft the owner approves or discards like any other.
 */
@Service
public class ProactiveNotes {

    /** The batch name of every suggested note, so the quiet period can be checked. */
    static final String BATCH = "note";

    private static final Pattern OPTED_OUT = Pattern.compile(
            "\\b(do not|don'?t|please stop|stop) (contact|email|e-mail|write to|message)(ing)? me|no more (emails|newsletters|mail)"
                    + "|unsubscribe me|remove me from (your|the) (list|mailing)",
            Pattern.CASE_INSENSITIVE);

    private final JdbcClient jdbc;
    private final Drafts drafts;
    private final Customers customers;
    private final Messages messages;
    private final TemplateRenderer templates;
    private final OwnerProfile owner;
    private final OwnerVoices voices;
    private final NoteSettings settings;
    private final Clock clock;

    ProactiveNotes(JdbcClient jdbc, Drafts drafts, Customers customers, Messages messages, TemplateRenderer templates,
                   OwnerProfile owner, OwnerVoices voices, NoteSettings settings, Clock clock) {
        this.jdbc = jdbc;
        this.drafts = drafts;
        this.customers = customers;
        this.messages = messages;
        this.templates = templates;
        this.owner = owner;
        this.voices = voices;
        this.settings = settings;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT5M")
    void hourly() {
        suggest(Instant.now(clock));
    }

    /** Open suggested notes, the oldest first. */
    public List<Draft> open() {
        return drafts.inBatch(BATCH).stream().filter(d -> d.state().open()).toList();
    }

    /**
     * Suggests the notes that are due at {@code now}.
     *
     * @return the new drafts' ids
     */
    @Transactional
    public List<Long> suggest(Instant now) {
        List<Long> created = new ArrayList<>();
        // Approved replies: the owner answered; intents and template say what the conversation was about.
        record Answered(long conversation, long customerId, long replyTo, String template, String intents,
                        Instant answeredAt) {
        }
        List<Answered> answered = jdbc.sql("select conversation, customer, reply_to, template, intents, updated_at"
                        + " from drafts where state = 'APPROVED' and customer is not null and (batch is null or batch <> ?)"
                        + " order by updated_at")
                .param(BATCH)
                .query((rs, n) -> new Answered(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4),
                        rs.getString(5), rs.getTimestamp(6).toInstant()))
                .list();
        for (Answered row : answered) {
            long customerId = row.customerId();
            long conversation = row.conversation();
            Instant answeredAt = row.answeredAt();
            String template = row.template();
            String intents = row.intents();
            String kind = null;
            boolean problem = List.of("late-order", "problem", "return").contains(template);
            // After a problem, the right moment is a check-in, not a welcome, even for a first-time customer.
            if (problem && !answeredAt.plus(settings.checkInAfter()).isAfter(now)) {
                kind = "check-in";
            } else if (!problem && intents != null && intents.contains(IntentKind.FIRST_CONTACT.name())
                    && !answeredAt.plus(settings.welcomeAfter()).isAfter(now)) {
                kind = "welcome";
            }
            if (kind == null || !discreet(customerId, conversation, answeredAt, now)) {
                continue;
            }
            created.add(write(kind, customerId, conversation, messages.expect(row.replyTo())));
        }
        return created;
    }

    /** Whether a note may be suggested to this customer now. */
    private boolean discreet(long customerId, long conversation, Instant answeredAt, Instant now) {
        Customer person = customers.personOf(customerId);
        List<Long> addresses = customers.addressesOf(person.id());
        long recent = jdbc.sql("select count(*) from drafts where batch = :batch and customer in (:ids) and created_at > :since")
                .param("batch", BATCH).param("ids", addresses).param("since", Timestamp.from(now.minus(settings.quietPeriod())))
                .query(Long.class).single();
        long noteForThis = jdbc.sql("select count(*) from drafts where batch = ? and conversation = ?")
                .params(BATCH, conversation).query(Long.class).single();
        long open = jdbc.sql("select count(*) from drafts where customer in (:ids) and state in ('SUGGESTED', 'EDITED')")
                .param("ids", addresses).query(Long.class).single();
        if (recent > 0 || noteForThis > 0 || open > 0) {
            return false;
        }
        for (StoredMessage m : messages.byIds(customers.messageIds(person.id()))) {
            if (m.direction() == Direction.INBOUND && m.sentAt() != null && m.sentAt().isAfter(answeredAt)) {
                return false;
            }
            if (m.direction() == Direction.INBOUND && OPTED_OUT.matcher(m.newText()).find()) {
                return false;
            }
        }
        return true;
    }

    private long write(String kind, long customerId, long conversation, StoredMessage replyTo) {
        Customer customer = customers.expect(customerId);
        Map<String, Object> vars = DraftComposer.variables(customer, owner, voices.current(), replyTo.subject(), null,
                Intents.order(replyTo.subject(), replyTo.newText()), List.of());
        TemplateRenderer.Rendered r = templates.render(kind + "-note", vars);
        Composition c = new Composition(r.template(), r.variant(), List.of(), r.text(), r.html(), List.of(), List.of(),
                "template", null);
        long id = drafts.insert(conversation, replyTo.id(), customerId, customer.address(),
                DraftWriter.replySubject(replyTo.subject()), c, true);
        drafts.markBatch(id, BATCH);
        return id;
    }
}
