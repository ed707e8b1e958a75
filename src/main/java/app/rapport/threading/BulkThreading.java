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

import org.springframework.context.ApplicationEventPublisher;
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
    private final ApplicationEventPublisher events;
    /**
     * Runs open now, told of every message the live assigner threads meanwhile. Weakly held, so a run its caller
     * forgot to close does not stay.
     */
    private final Set<ImportRun> open = java.util.Collections.synchronizedSet(
            java.util.Collections.newSetFromMap(new java.util.WeakHashMap<>()));

    BulkThreading(JdbcTemplate jdbc, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.events = events;
    }

    /**
     * Called by the live assigner once a message it threaded is committed: every open run takes it into account
     * before its next batch, so history stored in bulk while mail arrives one by one still joins that mail's
     * conversations (and theirs joins history's).
     */
    void threadedLive(long messageId) {
        synchronized (open) {
            for (ImportRun run : open) {
                run.live.add(messageId);
            }
        }
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
        // Registered before reading, so mail threaded live meanwhile is seen at least once (twice is harmless).
        open.add(s);
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
    public final class ImportRun implements AutoCloseable {
        /** Messages the live assigner threaded since the run opened and the run has not taken in yet. */
        private final java.util.Queue<Long> live = new java.util.concurrent.ConcurrentLinkedQueue<>();
        /** Conversations this run created; a merge of any other one is announced, for its drafts and index. */
        private final Set<Long> createdHere = new HashSet<>();
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
            learnLive();
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

        /** Stops hearing of live mail. */
        @Override
        public void close() {
            open.remove(this);
        }

        /**
         * Takes in the messages the live assigner threaded meanwhile, as the run's start took in what was stored:
         * a reference to mail the run has not seen waits for it, and one to mail the run has threaded joins the
         * two conversations (written with the next batch).
         */
        private void learnLive() {
            List<Long> ids = new ArrayList<>();
            for (Long id; (id = live.poll()) != null; ) {
                ids.add(id);
            }
            for (int from = 0; from < ids.size(); from += 500) {
                List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + 500));
                String in = String.join(",", java.util.Collections.nCopies(chunk.size(), "?"));
                Map<Long, List<String>> refs = new HashMap<>();
                jdbc.query("select message, ref_id from message_refs where message in (" + in + ")",
                        rs -> {
                            refs.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getString(2));
                        }, chunk.toArray());
                jdbc.query("select m.id, m.message_id, cm.conversation, m.automated from messages m "
                        + "join conversation_messages cm on cm.message = m.id where m.id in (" + in + ")", rs -> {
                            learn(rs.getString(2), rs.getLong(3), refs.getOrDefault(rs.getLong(1), List.of()),
                                    rs.getString(4) != null);
                        }, chunk.toArray());
            }
        }

        private void learn(String messageId, long conversation, List<String> references, boolean automated) {
            parent.putIfAbsent(conversation, conversation);
            Set<Long> related = related(messageId, references, automated);
            related.add(find(conversation));
            long into = union(related);
            known.putIfAbsent(messageId, new Known(into, automated));
            for (String ref : references) {
                if (!known.containsKey(ref)) {
                    waiting.computeIfAbsent(ref, k -> new ArrayList<>(1)).add(new Known(into, automated));
                }
            }
        }

        private void link(Message m) {
            Set<Long> related = related(m.messageId(), m.references(), m.automated());
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
                into = union(related);
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

        /**
         * The conversations a message belongs with: its copies', those of the messages it refers to, and those of
         * the messages waiting for it (which it takes off the waiting list).
         */
        private Set<Long> related(String messageId, List<String> references, boolean automated) {
            Set<Long> related = new HashSet<>();
            Known same = known.get(messageId);
            if (same != null) {
                related.add(find(same.conversation()));
            }
            for (String ref : references) {
                Known k = known.get(ref);
                if (k != null && ThreadRules.mayLink(automated, k.automated())) {
                    related.add(find(k.conversation()));
                } else if (k == null && automated) {
                    // Bulk replies to the same missing message belong together (JWZ's empty containers).
                    List<Known> siblings = waiting.get(ref);
                    if (siblings != null) {
                        siblings.stream().filter(Known::automated).forEach(sibling -> related.add(find(sibling.conversation())));
                    }
                }
            }
            List<Known> children = waiting.remove(messageId);
            if (children != null) {
                for (Known child : children) {
                    if (ThreadRules.mayLink(child.automated(), automated)) {
                        related.add(find(child.conversation()));
                    }
                }
            }
            return related;
        }

        /** Joins the conversations into one and returns it: a stored one when there is one (the oldest). */
        private long union(Set<Long> related) {
            long into = related.stream().filter(c -> c > 0).min(Long::compare)
                    .orElseGet(() -> related.stream().max(Long::compare).orElseThrow());
            for (long c : related) {
                if (c != into) {
                    parent.put(c, into);
                    if (c > 0) {
                        mergedInto.add(into);
                    }
                }
            }
            return into;
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
            List<Long> ids = keys.getKeyList().stream().map(k -> ((Number) k.values().iterator().next()).longValue()).toList();
            createdHere.addAll(ids);
            return ids;
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
                // A conversation that was there before this run may have drafts and index entries to move along.
                Map<Long, List<Long>> announced = new HashMap<>();
                gone.stream().filter(c -> !createdHere.contains(c))
                        .forEach(c -> announced.computeIfAbsent(find(c), k -> new ArrayList<>()).add(c));
                announced.forEach((into, merged) -> events.publishEvent(new ConversationsMerged(into, merged)));
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
