package app.rapport.threading;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;

/**
 * Threads a bulk import in memory, batch by batch, with the same {@link ThreadRules} as the live assigner, and
 * writes conversations with batched statements. A run starts from what is stored already, so importing
 * into a mailbox that has mail joins the existing conversations.
 */
@Service
public class BulkThreading {

    private final JdbcTemplate jdbc;

    BulkThreading(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * One stored message to thread.
     *
     * @param party the customer side: the sender of inbound mail, the first outside recipient of the shop's own
     */
    public record Message(long id, String messageId, List<String> references, String subject, Instant date,
                          String party, boolean automated) {
    }

    /** Opens an import run over everything already threaded. */
    public ImportRun open() {
        ImportRun s = new ImportRun();
        jdbc.query("""
                select m.message_id, cm.conversation, m.automated, m.subject, m.direction, m.from_address,
                  m.to_addresses, coalesce(m.sent_at, m.stored_at)
                from messages m join conversation_messages cm on cm.message = m.id""", rs -> {
            long conversation = rs.getLong(2);
            s.known.put(rs.getString(1), new Known(conversation, rs.getString(3) != null));
            s.parent.put(conversation, conversation);
            String party = "INBOUND".equals(rs.getString(5)) ? rs.getString(6) : firstOf(rs.getString(7));
            s.indexSubject(rs.getString(4), party, rs.getTimestamp(8).toInstant(), conversation);
        });
        jdbc.query("""
                select r.ref_id, cm.conversation, m.automated from message_refs r
                join conversation_messages cm on cm.message = r.message join messages m on m.id = r.message
                where not exists (select 1 from messages x where x.message_id = r.ref_id)""", rs -> {
            s.waiting.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                    .add(new Known(rs.getLong(2), rs.getString(3) != null));
        });
        return s;
    }

    private record Known(long conversation, boolean automated) {
    }

    private static String firstOf(String addresses) {
        return addresses == null || addresses.isEmpty() ? null : addresses.split(",", 2)[0];
    }

    /** The state of one import: which Message-ID is in which conversation, merges, and what is still to write. */
    public final class ImportRun {
        private final Map<String, Known> known = new HashMap<>();
        /** References to Message-IDs not stored yet, by the conversations of the messages naming them. */
        private final Map<String, List<Known>> waiting = new HashMap<>();
        private final Map<String, TreeMap<Instant, Long>> subjects = new HashMap<>();
        /** Union-find over conversations; ids below zero are conversations not written yet. */
        private final Map<Long, Long> parent = new HashMap<>();
        private final Set<Long> deleted = new HashSet<>();
        private final Set<Long> mergedInto = new HashSet<>();
        private long nextTemporary = -1;
        private int created;

        /** Threads a batch (in the order given) and writes it; returns each message's conversation. */
        public Map<Long, Long> thread(List<Message> batch) {
            for (Message m : batch) {
                link(m);
            }
            List<Long> temporaryRoots = new ArrayList<>();
            for (Message m : batch) {
                long root = find(conversationOf.get(m.id()));
                if (root < 0 && !temporaryRoots.contains(root)) {
                    temporaryRoots.add(root);
                }
            }
            List<Long> real = createConversations(temporaryRoots.size());
            for (int i = 0; i < real.size(); i++) {
                parent.put(temporaryRoots.get(i), real.get(i));
                parent.put(real.get(i), real.get(i));
            }
            Map<Long, Long> result = new LinkedHashMap<>();
            for (Message m : batch) {
                result.put(m.id(), find(conversationOf.remove(m.id())));
            }
            write(result);
            return result;
        }

        private final Map<Long, Long> conversationOf = new HashMap<>();

        /** Conversations that others were merged into during this run (their final ids). */
        public Set<Long> mergedInto() {
            Set<Long> out = new HashSet<>();
            mergedInto.forEach(c -> out.add(find(c)));
            return out;
        }

        public int conversationsCreated() {
            return created;
        }

        private void link(Message m) {
            Set<Long> related = new HashSet<>();
            Known same = known.get(m.messageId());
            if (same != null) {
                related.add(find(same.conversation()));
            }
            for (String ref : m.references()) {
                Known k = known.get(ref);
                if (k != null && ThreadRules.mayLink(m.automated(), k.automated())) {
                    related.add(find(k.conversation()));
                } else if (k == null && m.automated()) {
                    // Bulk replies to the same missing message belong together (JWZ's empty containers).
                    List<Known> siblings = waiting.get(ref);
                    if (siblings != null) {
                        siblings.stream().filter(Known::automated).forEach(sibling -> related.add(find(sibling.conversation())));
                    }
                }
            }
            List<Known> children = waiting.remove(m.messageId());
            if (children != null) {
                for (Known child : children) {
                    if (ThreadRules.mayLink(child.automated(), m.automated())) {
                        related.add(find(child.conversation()));
                    }
                }
            }
            if (related.isEmpty() && m.references().isEmpty()) {
                Long bySubject = bySubject(m);
                if (bySubject != null) {
                    related.add(find(bySubject));
                }
            }
            long into;
            if (related.isEmpty()) {
                into = nextTemporary--;
                parent.put(into, into);
            } else {
                // Keep a stored conversation's id when there is one; new ones are merged into it.
                into = related.stream().filter(c -> c > 0).min(Long::compare)
                        .orElseGet(() -> related.stream().max(Long::compare).orElseThrow());
                for (long c : related) {
                    if (c != into) {
                        parent.put(c, into);
                        if (c > 0) {
                            mergedInto.add(into);
                        }
                    }
                }
            }
            conversationOf.put(m.id(), into);
            if (!known.containsKey(m.messageId())) {
                known.put(m.messageId(), new Known(into, m.automated()));
            }
            for (String ref : m.references()) {
                if (!known.containsKey(ref)) {
                    waiting.computeIfAbsent(ref, k -> new ArrayList<>(1)).add(new Known(into, m.automated()));
                }
            }
            indexSubject(m.subject(), m.party(), m.date(), into);
        }

        private void indexSubject(String subject, String party, Instant at, long conversation) {
            String key = ThreadRules.subjectKey(subject);
            if (key != null && party != null && at != null) {
                subjects.computeIfAbsent(key + "\u0000" + party, k -> new TreeMap<>()).put(at, conversation);
            }
        }

        private Long bySubject(Message m) {
            String key = ThreadRules.subjectKey(m.subject());
            if (key == null || m.party() == null || m.date() == null) {
                return null;
            }
            TreeMap<Instant, Long> candidates = subjects.get(key + "\u0000" + m.party());
            if (candidates == null) {
                return null;
            }
            // A subject only continues what came before, as in JwzThreader.
            var before = candidates.floorEntry(m.date());
            Long best = null;
            if (before != null && !before.getKey().plus(ThreadRules.SUBJECT_WINDOW).isBefore(m.date())) {
                best = before.getValue();
            }
            return best;
        }

        private long find(long c) {
            long root = c;
            while (true) {
                Long p = parent.get(root);
                if (p == null || p == root) {
                    break;
                }
                root = p;
            }
            long at = c;
            while (at != root) {
                Long next = parent.get(at);
                if (next == null) {
                    break;
                }
                parent.put(at, root);
                at = next;
            }
            return root;
        }

        private List<Long> createConversations(int count) {
            if (count == 0) {
                return List.of();
            }
            GeneratedKeyHolder keys = new GeneratedKeyHolder();
            Timestamp placeholder = Timestamp.from(Instant.EPOCH);
            jdbc.batchUpdate(con -> con.prepareStatement(
                    "insert into conversations (subject, started_at, last_message_at, message_count) values (?, ?, ?, 0)",
                    new String[] {"id"}), new BatchPreparedStatementSetter() {
                @Override
                public void setValues(PreparedStatement ps, int i) throws SQLException {
                    // Subject and dates are filled in from the messages in write().
                    ps.setString(1, "(no subject)");
                    ps.setTimestamp(2, placeholder);
                    ps.setTimestamp(3, placeholder);
                }

                @Override
                public int getBatchSize() {
                    return count;
                }
            }, keys);
            created += count;
            return keys.getKeyList().stream().map(k -> ((Number) k.values().iterator().next()).longValue()).toList();
        }

        /** Writes the batch's links, applies merges, and refreshes the touched conversations' summaries. */
        private void write(Map<Long, Long> links) {
            List<Object[]> rows = new ArrayList<>();
            links.forEach((message, c) -> rows.add(new Object[] {message, c}));
            jdbc.batchUpdate("insert into conversation_messages (message, conversation) values (?, ?)", rows);
            Set<Long> touched = new HashSet<>(links.values());
            List<Long> gone = new ArrayList<>();
            for (Long c : parent.keySet()) {
                if (c > 0 && find(c) != c && deleted.add(c)) {
                    gone.add(c);
                }
            }
            if (!gone.isEmpty()) {
                jdbc.batchUpdate("update conversation_messages set conversation = ? where conversation = ?",
                        gone.stream().map(c -> new Object[] {find(c), c}).toList());
                jdbc.batchUpdate("delete from conversations where id = ?", gone.stream().map(c -> new Object[] {c}).toList());
                gone.forEach(c -> touched.add(find(c)));
            }
            refresh(touched);
        }

        /** Subject (of the first message), start, latest activity and size, as the live assigner computes them. */
        private void refresh(Set<Long> conversations) {
            if (conversations.isEmpty()) {
                return;
            }
            Map<Long, Object[]> summary = new HashMap<>();
            List<Long> ids = new ArrayList<>(conversations);
            for (int from = 0; from < ids.size(); from += 500) {
                List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + 500));
                String in = String.join(",", java.util.Collections.nCopies(chunk.size(), "?"));
                jdbc.query("select cm.conversation, m.subject, coalesce(m.sent_at, m.stored_at), m.id "
                        + "from conversation_messages cm join messages m on m.id = cm.message where cm.conversation in (" + in + ")",
                        rs -> {
                            long c = rs.getLong(1);
                            Instant at = rs.getTimestamp(3).toInstant();
                            long id = rs.getLong(4);
                            Object[] s = summary.computeIfAbsent(c, k -> new Object[] {null, null, null, 0, Long.MAX_VALUE});
                            Instant first = (Instant) s[1];
                            if (first == null || at.isBefore(first) || at.equals(first) && id < (long) s[4]) {
                                s[0] = rs.getString(2);
                                s[1] = at;
                                s[4] = id;
                            }
                            if (s[2] == null || at.isAfter((Instant) s[2])) {
                                s[2] = at;
                            }
                            s[3] = (int) s[3] + 1;
                        }, chunk.toArray());
            }
            List<Object[]> updates = new ArrayList<>();
            summary.forEach((c, s) -> {
                String base = Subjects.base((String) s[0]);
                updates.add(new Object[] {truncate(base.isEmpty() ? "(no subject)" : base),
                        Timestamp.from((Instant) s[1]), Timestamp.from((Instant) s[2]), s[3], c});
            });
            jdbc.batchUpdate("update conversations set subject = ?, started_at = ?, last_message_at = ?, message_count = ? where id = ?",
                    updates);
        }
    }

    private static String truncate(String s) {
        return s.length() <= 2000 ? s : s.substring(0, 2000);
    }
}
