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

    /** Open drafts (waiting for the owner), the longest waiting first. */
    public List<Draft> open(int offset, int limit) {
        return jdbc.sql("select " + COLUMNS + " from drafts where state in ('SUGGESTED', 'EDITED')"
                        + " order by created_at, id offset ? rows fetch next ? rows only")
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

    long insert(long conversation, long replyTo, Long customer, String intent, String template, String to,
                String subject, String text, String html) {
        Timestamp now = now();
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("insert into drafts (conversation, reply_to, customer, state, intent, template, to_address, subject,"
                        + " body_text, body_html, created_at, updated_at) values (?, ?, ?, 'SUGGESTED', ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(conversation, replyTo, customer, intent, template, to, subject, text, html, now, now)
                .update(key, "id");
        return key.getKey().longValue();
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
            throw new IllegalArgumentException("the subject is empty");
        }
        if (subject.indexOf('\r') >= 0 || subject.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("the subject must be a single line");
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
