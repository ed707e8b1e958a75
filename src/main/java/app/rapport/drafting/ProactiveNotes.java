package app.rapport.drafting;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import app.rapport.customers.Customer;
import app.rapport.customers.Customers;
import app.rapport.customers.Fact;
import app.rapport.customers.FactKind;
import app.rapport.customers.Facts;
import app.rapport.mailbox.Direction;
import app.rapport.mailbox.Messages;
import app.rapport.mailbox.StoredMessage;
import app.rapport.threading.Conversations;

/**
 * Suggests notes at the right moments: a welcome some days after the owner answered a first-time customer, a
 * check-in some days after a problem was answered, a word around an occasion the customer mentioned with its date
 * (a birthday, a wedding, a move, a new job, a holiday), and the owner's seasonal notes to recent customers.
 * Discreet: at most one suggested note per customer in the quiet period, none while a draft for them is open, none
 * to a customer who asked not to be contacted, and an occasion only from a fact the owner could use in a reply (sure
 * enough, not told in confidence, not about health or job hunting). Each note is a draft the owner approves or
 * discards like any other.
 */
@Service
public class ProactiveNotes {

    /** The batch name of every suggested note, so the quiet period can be checked. */
    static final String BATCH = "note";

    /** Occasions older than this are not looked at: the moment for a note has long passed. */
    private static final Duration OCCASIONS_SAID_WITHIN = Duration.ofDays(400);

    private static final Pattern OPTED_OUT = Pattern.compile(
            "\\b(do not|don'?t|please stop|stop) (contact|email|e-mail|write to|message)(ing)? me|no more (emails|newsletters|mail)"
                    + "|unsubscribe me|remove me from (your|the) (list|mailing)",
            Pattern.CASE_INSENSITIVE);

    private final JdbcClient jdbc;
    private final Drafts drafts;
    private final Customers customers;
    private final Facts facts;
    private final Messages messages;
    private final Conversations conversations;
    private final Seasons seasons;
    private final TemplateRenderer templates;
    private final OwnerProfile owner;
    private final OwnerVoices voices;
    private final NoteSettings settings;
    private final Clock clock;

    ProactiveNotes(JdbcClient jdbc, Drafts drafts, Customers customers, Facts facts, Messages messages,
                   Conversations conversations, Seasons seasons, TemplateRenderer templates, OwnerProfile owner,
                   OwnerVoices voices, NoteSettings settings, Clock clock) {
        this.jdbc = jdbc;
        this.drafts = drafts;
        this.customers = customers;
        this.facts = facts;
        this.messages = messages;
        this.conversations = conversations;
        this.seasons = seasons;
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
     * Suggests the notes that are due at {@code now}: welcomes and check-ins first, then occasions, then seasons,
     * so a customer's one note in the quiet period is the most personal one.
     *
     * @return the new drafts' ids
     */
    @Transactional
    public List<Long> suggest(Instant now) {
        List<Long> created = new ArrayList<>(afterAnswers(now));
        created.addAll(occasions(now));
        created.addAll(seasonal(now));
        return created;
    }

    private List<Long> afterAnswers(Instant now) {
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
            StoredMessage replyTo = messages.expect(row.replyTo());
            Customer customer = customers.expect(customerId);
            Map<String, Object> vars = variables(customer, replyTo.subject());
            vars.put("order", Intents.order(replyTo.subject(), replyTo.newText()));
            long id = write(kind + "-note", vars, conversation, replyTo, customer,
                    DraftWriter.replySubject(replyTo.subject()), null);
            remember(id, customers.personOf(customerId).id(), null, null);
            created.add(id);
        }
        return created;
    }

    /** Whether a note may follow the owner's answer in this conversation now. */
    private boolean discreet(long customerId, long conversation, Instant answeredAt, Instant now) {
        Customer person = customers.personOf(customerId);
        long noteForThis = jdbc.sql("select count(*) from drafts where batch = ? and conversation = ?")
                .params(BATCH, conversation).query(Long.class).single();
        if (noteForThis > 0 || !mayWriteTo(person, now)) {
            return false;
        }
        // The customer wrote again since: the conversation goes on, and a note would talk past it.
        return messages.byIds(customers.messageIds(person.id())).stream()
                .noneMatch(m -> m.direction() == Direction.INBOUND && m.sentAt() != null && m.sentAt().isAfter(answeredAt));
    }

    /**
     * The rules every note keeps: no note in the quiet period after another, none while a draft for them waits for
     * the owner, none to someone who asked not to be contacted.
     */
    private boolean mayWriteTo(Customer person, Instant now) {
        List<Long> addresses = customers.addressesOf(person.id());
        long recent = jdbc.sql("select count(*) from drafts where batch = :batch and customer in (:ids) and created_at > :since")
                .param("batch", BATCH).param("ids", addresses).param("since", Timestamp.from(now.minus(settings.quietPeriod())))
                .query(Long.class).single();
        long open = jdbc.sql("select count(*) from drafts where customer in (:ids) and state in ('SUGGESTED', 'EDITED')")
                .param("ids", addresses).query(Long.class).single();
        if (recent > 0 || open > 0) {
            return false;
        }
        return messages.byIds(customers.messageIds(person.id())).stream()
                .noneMatch(m -> m.direction() == Direction.INBOUND && OPTED_OUT.matcher(m.newText()).find());
    }

    /** How a remembered occasion is marked: its template, and whether the note comes before the day or after. */
    private record Occasion(String template, boolean before, String whose, String place) {

        static Optional<Occasion> of(String value) {
            String v = value.strip().toLowerCase(Locale.ROOT);
            if (v.startsWith("birthday")) {
                String whose = v.contains("(") ? v.substring(v.indexOf('(') + 1, v.lastIndexOf(')')).strip() : null;
                return Optional.of(new Occasion("birthday-note", true, whose, null));
            }
            if (v.startsWith("moving to ")) {
                return Optional.of(new Occasion("moving-note", false, null, value.strip().substring("moving to ".length())));
            }
            return Optional.ofNullable(switch (v) {
                case "wedding" -> new Occasion("wedding-note", false, null, null);
                case "moving house" -> new Occasion("moving-note", false, null, null);
                case "new job" -> new Occasion("new-job-note", false, null, null);
                case "holiday" -> new Occasion("holiday-note", false, null, null);
                // Illness and job hunting are never brought up unasked; anything else has no note written for it.
                default -> null;
            });
        }
    }

    private List<Long> occasions(Instant now) {
        List<Long> created = new ArrayList<>();
        ZoneId zone = clock.getZone();
        for (Fact f : facts.ofKindSaidSince(FactKind.OCCASION, now.minus(OCCASIONS_SAID_WITHIN))) {
            Optional<Occasion> occasion = Occasion.of(f.value());
            if (occasion.isEmpty() || !PersonalTouches.usable(f, -1) || f.saidAt().isAfter(now)) {
                continue;
            }
            LocalDate said = f.saidAt().atZone(zone).toLocalDate();
            Optional<OccasionDates.Span> span = OccasionDates.of(f.when(), said);
            // Only an occasion still ahead when they wrote: one already past was answered in the reply itself.
            if (span.isEmpty() || span.get().last().isBefore(said)) {
                continue;
            }
            Instant due;
            if (occasion.get().before()) {
                if (!span.get().exactDay()) {
                    continue;
                }
                due = span.get().first().atStartOfDay(zone).toInstant().minus(settings.birthdayBefore());
                due = due.isBefore(f.saidAt()) ? f.saidAt() : due;
            } else {
                due = span.get().last().atStartOfDay(zone).toInstant().plus(settings.occasionAfter());
            }
            if (now.isBefore(due) || now.isAfter(due.plus(settings.occasionLate())) || noted("fact", f.id())) {
                continue;
            }
            Customer person = customers.personOf(f.customerId());
            Optional<Long> conversation = conversations.conversationOf(f.messageId());
            if (conversation.isEmpty() || !mayWriteTo(person, now)) {
                continue;
            }
            StoredMessage saidMessage = messages.expect(f.messageId());
            Customer customer = customers.expect(f.customerId());
            Map<String, Object> vars = variables(customer, saidMessage.subject());
            vars.put("occasionDate", span.get().words());
            vars.put("whose", occasion.get().whose());
            vars.put("place", occasion.get().place());
            long id = write(occasion.get().template(), vars, conversation.get(), saidMessage, customer,
                    DraftWriter.replySubject(saidMessage.subject()), f);
            remember(id, person.id(), f.id(), null);
            created.add(id);
        }
        return created;
    }

    private List<Long> seasonal(Instant now) {
        List<Long> created = new ArrayList<>();
        List<Season> current = seasons.covering(now.atZone(clock.getZone()).toLocalDate());
        if (current.isEmpty()) {
            return created;
        }
        List<Long> recent = customers.peopleInTouchBetween(now.minus(settings.seasonAudience()), now);
        for (Season season : current) {
            for (long personId : recent) {
                if (noted(season, personId)) {
                    continue;
                }
                Customer person = customers.expect(personId);
                Optional<StoredMessage> latest = messages.latest(customers.messageIds(personId));
                Optional<Long> conversation = latest.flatMap(m -> conversations.conversationOf(m.id()));
                if (conversation.isEmpty() || !mayWriteTo(person, now)) {
                    continue;
                }
                Map<String, Object> vars = variables(person, season.title());
                vars.put("season", season);
                vars.put("seasonParagraphs", List.of(season.message().split("\\R\\s*\\R")));
                long id = write("season-note", vars, conversation.get(), latest.get(), person, season.title(), null);
                remember(id, personId, null, season.id());
                created.add(id);
            }
        }
        return created;
    }

    private boolean noted(String column, long id) {
        return jdbc.sql("select count(*) from note_reasons where " + column + " = ?").param(id).query(Long.class).single() > 0;
    }

    private boolean noted(Season season, long personId) {
        return jdbc.sql("select count(*) from note_reasons where season = ? and person = ?").params(season.id(), personId)
                .query(Long.class).single() > 0;
    }

    private void remember(long draft, long person, Long fact, Long season) {
        jdbc.sql("insert into note_reasons (draft, person, fact, season) values (?, ?, ?, ?)")
                .params(draft, person, fact, season).update();
    }

    private Map<String, Object> variables(Customer customer, String subject) {
        return DraftComposer.variables(customer, owner, voices.current(), subject, null, null, List.of());
    }

    /**
     * Renders and stores a note. For an occasion, the paragraph that speaks of it is its personal touch: marked in
     * the editor with a link to the email it was read from, and removable like any other.
     */
    private long write(String template, Map<String, Object> vars, long conversation, StoredMessage replyTo,
                       Customer customer, String subject, Fact occasion) {
        TemplateRenderer.Rendered r = templates.render(template, vars);
        List<PersonalTouches.Picked> touches = new ArrayList<>();
        if (occasion != null) {
            String[] paragraphs = r.text().split("\n\n");
            if (paragraphs.length > 2) {
                touches.add(new PersonalTouches.Picked(occasion, paragraphs[1].strip()));
            }
        }
        Composition c = new Composition(r.template(), r.variant(), List.of(), r.text(), r.html(), touches,
                List.of(), "template", null);
        long id = drafts.insert(conversation, replyTo.id(), customer.id(), customer.address(), subject, c, true);
        drafts.markBatch(id, BATCH);
        return id;
    }
}
