package app.rapport.drafting;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.util.HtmlUtils;

/**
 * The drafts and every change to them. Changes are guarded: each one checks the state in the same UPDATE that
 * makes it, so a double click or two tabs approve a draft once and the second attempt is told why not.
 */
@Service
public class Drafts {

    private static final String COLUMNS = "id, conversation, reply_to, customer, state, intent, template, to_address,"
            + " subject, body_text, body_html, created_at, updated_at";

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Drafts(JdbcClient jdbc, ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.events = events;
        this.clock = clock;
    }

    public Optional<Draft> find(long id) {
        return jdbc.sql("select " + COLUMNS + " from drafts where id = ?").param(id).query(Drafts::row).optional();
    }

    public Draft expect(long id) {
        return find(id).orElseThrow(() -> new IllegalArgumentException("no draft with id " + id));
    }

    /** The newest draft of a conversation in any state. */
    public Optional<Draft> latestFor(long conversationId) {
        return jdbc.sql("select " + COLUMNS + " from drafts where conversation = ? and state <> 'SUPERSEDED'"
                        + " order by id desc fetch first 1 rows only")
                .param(conversationId).query(Drafts::row).optional();
    }

    /** Every draft of a conversation, oldest first. */
    public List<Draft> allFor(long conversationId) {
        return jdbc.sql("select " + COLUMNS + " from drafts where conversation = ? order by id")
                .param(conversationId).query(Drafts::row).list();
    }

    /** Open drafts (waiting for the owner), newest first, as every inbox tab lists. */
    public List<Draft> open(int offset, int limit) {
        return jdbc.sql("select " + COLUMNS + " from drafts where state in ('SUGGESTED', 'EDITED')"
                        + " order by created_at desc, id desc offset ? rows fetch next ? rows only")
                .params(offset, limit).query(Drafts::row).list();
    }

    public long countOpen() {
        return jdbc.sql("select count(*) from drafts where state in ('SUGGESTED', 'EDITED')").query(Long.class).single();
    }

    /** Saves the owner's edit of an open draft. */
    @Transactional
    public Draft edit(long id, String subject, String text) {
        String cleanSubject = requireSingleLine(subject);
        String body = text == null ? "" : text.replace("\r\n", "\n");
        int n = jdbc.sql("update drafts set state = 'EDITED', subject = ?, body_text = ?, body_html = ?, updated_at = ?"
                        + " where id = ? and state in ('SUGGESTED', 'EDITED')")
                .params(cleanSubject, body, htmlOf(body), now(), id).update();
        if (n == 0) {
            throw refused(id, "edit");
        }
        return expect(id);
    }

    /**
     * Approves an open draft, saving the text the owner approved. Approving a draft that is already approved
     * does nothing, so a replayed request never sends a second reply.
     *
     * @return true when this call approved it, false when it had been approved before
     */
    @Transactional
    public boolean approve(long id, String subject, String text) {
        Draft current = expect(id);
        if (current.state() == DraftState.APPROVED) {
            return false;
        }
        if (subject != null && text != null
                && (!subject.equals(current.subject()) || !text.replace("\r\n", "\n").equals(current.text()))) {
            edit(id, subject, text);
        }
        int n = jdbc.sql("update drafts set state = 'APPROVED', updated_at = ? where id = ? and state in ('SUGGESTED', 'EDITED')")
                .params(now(), id).update();
        if (n == 0) {
            if (expect(id).state() == DraftState.APPROVED) {
                return false;
            }
            throw refused(id, "approve");
        }
        events.publishEvent(new DraftApproved(id));
        return true;
    }

    @Transactional
    public void discard(long id) {
        int n = jdbc.sql("update drafts set state = 'DISCARDED', updated_at = ? where id = ? and state in ('SUGGESTED', 'EDITED')")
                .params(now(), id).update();
        if (n == 0 && expect(id).state() != DraftState.DISCARDED) {
            throw refused(id, "discard");
        }
    }

    /** Takes an approved draft back for editing (the owner pressed Undo before it was sent). */
    @Transactional
    public void reopen(long id) {
        int n = jdbc.sql("update drafts set state = 'EDITED', updated_at = ? where id = ? and state = 'APPROVED'")
                .params(now(), id).update();
        if (n == 0) {
            throw refused(id, "reopen");
        }
    }

    long insert(long conversation, long replyTo, Long customer, String to, String subject, Composition c,
                boolean optionalNote) {
        Timestamp now = now();
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("insert into drafts (conversation, reply_to, customer, state, intent, template, to_address, subject,"
                        + " body_text, body_html, created_at, updated_at, intents, variant, optional_note, written_by, flag,"
                        + " related, suggested_text) values (?, ?, ?, 'SUGGESTED', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(conversation, replyTo, customer, c.template(), c.template(), to, subject, c.text(),
                        c.html(), now, now, IntentScore.encode(c.intents()), c.variant(), optionalNote, c.writtenBy(),
                        clip(c.flag(), 2000), joinIds(c.related()), c.text())
                .update(key, "id");
        long id = key.getKey().longValue();
        insertTouches(id, c);
        return id;
    }

    /** Puts another wording in place of an open draft that the owner has not edited yet. */
    void replaceSuggestion(long id, Composition c) {
        int n = jdbc.sql("update drafts set body_text = ?, body_html = ?, template = ?, variant = ?, written_by = ?, flag = ?,"
                        + " suggested_text = ?, state = 'SUGGESTED', updated_at = ? where id = ? and state in ('SUGGESTED', 'EDITED')")
                .params(c.text(), c.html(), c.template(), c.variant(), c.writtenBy(), clip(c.flag(), 2000), c.text(), now(), id)
                .update();
        if (n == 0) {
            throw refused(id, "regenerate");
        }
        jdbc.sql("delete from draft_touches where draft = ?").param(id).update();
        insertTouches(id, c);
    }

    private void insertTouches(long draft, Composition c) {
        for (PersonalTouches.Picked t : c.touches()) {
            jdbc.sql("insert into draft_touches (draft, fact, message, kind, touch_text) values (?, ?, ?, ?, ?)")
                    .params(draft, t.fact().id(), t.fact().messageId(), t.fact().kind().name(), clip(t.text(), 1000))
                    .update();
        }
    }

    void markBatch(long id, String batch) {
        jdbc.sql("update drafts set batch = ? where id = ?").params(batch, id).update();
    }

    /** The drafts written together for one incident, in the order they were written. */
    public List<Draft> inBatch(String batch) {
        return jdbc.sql("select " + COLUMNS + " from drafts where batch = ? order by id").param(batch)
                .query(Drafts::row).list();
    }

    /** What the draft was based on. */
    public DraftBasis basis(long id) {
        Draft d = expect(id);
        return jdbc.sql("select intents, variant, written_by, flag, optional_note, related, suggested_text from drafts where id = ?")
                .param(id)
                .query((rs, n) -> new DraftBasis(IntentScore.decode(rs.getString(1)), d.template(), rs.getString(2),
                        rs.getString(3), rs.getString(4), rs.getBoolean(5), touches(id), splitIds(rs.getString(6)),
                        d.state() == DraftState.EDITED && Similarity.changedALot(rs.getString(7), d.text())))
                .single();
    }

    public List<Touch> touches(long draftId) {
        return jdbc.sql("select id, draft, fact, message, kind, touch_text, removed from draft_touches where draft = ? order by id")
                .param(draftId)
                .query((rs, n) -> {
                    long fact = rs.getLong(3);
                    Long factId = rs.wasNull() ? null : fact;
                    long message = rs.getLong(4);
                    Long messageId = rs.wasNull() ? null : message;
                    return new Touch(rs.getLong(1), rs.getLong(2), factId, messageId, rs.getString(5), rs.getString(6),
                            rs.getBoolean(7));
                }).list();
    }

    /** Takes one personal touch out of an open draft: its sentence leaves the text, and the touch is marked removed. */
    @Transactional
    public Draft removeTouch(long draftId, long touchId) {
        Draft d = expect(draftId);
        Touch touch = touches(draftId).stream().filter(t -> t.id() == touchId).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("draft " + draftId + " has no personal touch " + touchId));
        if (!d.state().open()) {
            throw refused(draftId, "change");
        }
        String text = d.text().replace(" " + touch.text(), "").replace(touch.text() + " ", "").replace(touch.text(), "")
                .replaceAll("\n{3,}", "\n\n");
        jdbc.sql("update draft_touches set removed = true where id = ?").param(touchId).update();
        jdbc.sql("update drafts set body_text = ?, body_html = ?, suggested_text = ?, updated_at = ? where id = ?")
                .params(text, htmlOf(text), text, now(), draftId).update();
        return expect(draftId);
    }

    private static String joinIds(List<Long> ids) {
        return ids == null || ids.isEmpty() ? null : ids.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(","));
    }

    private static List<Long> splitIds(String s) {
        if (s == null || s.isBlank()) {
            return List.of();
        }
        return java.util.Arrays.stream(s.split(",")).map(Long::valueOf).toList();
    }

    private static String clip(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    /** Marks the conversation's open drafts as overtaken by a newer message. */
    void supersedeOpen(long conversation) {
        jdbc.sql("update drafts set state = 'SUPERSEDED', updated_at = ? where conversation = ? and state in ('SUGGESTED', 'EDITED')")
                .params(now(), conversation).update();
    }

    void moveConversations(long into, List<Long> merged) {
        jdbc.sql("update drafts set conversation = :into where conversation in (:merged)")
                .param("into", into).param("merged", merged).update();
    }

    private IllegalStateException refused(long id, String action) {
        return new IllegalStateException("draft " + id + " is " + expect(id).state() + ", cannot " + action);
    }

    private Timestamp now() {
        return Timestamp.from(Instant.now(clock));
    }

    static String requireSingleLine(String subject) {
        if (subject == null || subject.isBlank()) {
            throw new InvalidDraftException("The subject is empty.");
        }
        if (subject.indexOf('\r') >= 0 || subject.indexOf('\n') >= 0) {
            throw new InvalidDraftException("The subject must be a single line: it cannot contain a line break.");
        }
        return subject.strip();
    }

    /** The HTML part for a text the owner wrote: paragraphs and line breaks kept, everything escaped. */
    static String htmlOf(String text) {
        StringBuilder html = new StringBuilder("<!DOCTYPE html>\n<html><body style=\"font-family: Georgia, serif;"
                + " font-size: 15px; line-height: 1.55; color: #2b2b2b;\">\n");
        for (String paragraph : text.strip().split("\\n\\s*\\n")) {
            html.append("<p>").append(HtmlUtils.htmlEscape(paragraph.strip()).replace("\n", "<br>\n")).append("</p>\n");
        }
        return html.append("</body></html>\n").toString();
    }

    private static Draft row(ResultSet rs, int n) throws SQLException {
        long customer = rs.getLong("customer");
        return new Draft(rs.getLong("id"), rs.getLong("conversation"), rs.getLong("reply_to"),
                rs.wasNull() ? null : customer, DraftState.valueOf(rs.getString("state")), rs.getString("intent"),
                rs.getString("template"), rs.getString("to_address"), rs.getString("subject"),
                rs.getString("body_text"), rs.getString("body_html"), rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant());
    }
}
