package app.rapport.threading;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Jamie Zawinski's threading algorithm over messages in memory: an ID table of containers, parent links from each
 * message's References (never making a loop), pruning of empty containers, subject grouping of the roots, and
 * sorting by date. Extended by {@link ThreadRules}: replies of people to bulk mail stay apart, and subject grouping
 * needs the same customer within a time window. Iterative throughout, so a reference chain of any length or a
 * cycle in the headers cannot overflow the stack or loop.
 */
public final class JwzThreader {

    /**
     * One message to thread.
     *
     * @param key        the caller's name for it (a file name, a database id)
     * @param messageId  its Message-ID (synthetic when it had none)
     * @param references References then In-Reply-To, oldest first, the direct parent last
     * @param party      the customer's address: the sender of inbound mail, the recipient of the shop's own
     * @param automated  true for bulk or automatic mail
     */
    public record Item(String key, String messageId, List<String> references, String subject, Instant date,
                       String party, boolean automated) {
    }

    /** One thread: its messages in date order, the first being the one the thread is named by. */
    public record Thread(String id, List<Item> items) {
    }

    private static final class Container {
        final String id;
        Item item;
        Container parent;
        final List<Container> children = new ArrayList<>(1);
        /** Union-find link: containers named together in any message's headers share one conversation. */
        Container group = this;

        Container root() {
            Container r = this;
            while (r.group != r) {
                r.group = r.group.group;
                r = r.group;
            }
            return r;
        }

        void join(Container other) {
            Container a = root();
            Container b = other.root();
            if (a != b) {
                b.group = a;
            }
        }

        Container(String id) {
            this.id = id;
        }

        boolean isAncestorOf(Container other) {
            for (Container c = other; c != null; c = c.parent) {
                if (c == this) {
                    return true;
                }
            }
            return false;
        }

        void setParent(Container newParent) {
            if (parent != null) {
                parent.children.remove(this);
            }
            parent = newParent;
            if (newParent != null) {
                newParent.children.add(this);
            }
        }
    }

    private JwzThreader() {
    }

    /** Threads the messages; returns the threads, newest activity first. */
    public static List<Thread> thread(List<Item> items) {
        Map<String, Container> ids = new HashMap<>();
        List<Container> containers = new ArrayList<>();
        Map<Item, Container> holders = new IdentityHashMap<>();
        // 1. The ID table: one container per Message-ID; a second message with the same id gets its own.
        for (Item item : items) {
            Container c = ids.get(item.messageId());
            if (c == null || c.item != null) {
                c = new Container(item.messageId());
                if (!ids.containsKey(item.messageId())) {
                    ids.put(item.messageId(), c);
                }
            }
            c.item = item;
            containers.add(c);
            holders.put(item, c);
        }
        // 2. Parent links from each message's references, in order, skipping links that would close a loop.
        Map<String, Container> all = new HashMap<>(ids);
        for (Container c : containers) {
            Item item = c.item;
            Container previous = null;
            for (String ref : item.references()) {
                if (ref.equals(item.messageId()) || answersBulk(item, ids.get(ref))) {
                    continue;
                }
                Container r = all.computeIfAbsent(ref, Container::new);
                // Every stored message a header names is the same conversation, even where the tree keeps an
                // earlier parent link (the stored assigner links the same way). Through a message that is not
                // here, only bulk mail links: two customers answering one missing newsletter stay apart.
                if (r.item != null || item.automated()) {
                    c.join(r);
                }
                if (previous != null && r.parent == null && !r.isAncestorOf(previous) && r != previous) {
                    r.setParent(previous);
                }
                previous = r;
            }
            if (previous != null && previous != c && !c.isAncestorOf(previous)) {
                c.setParent(previous);
            }
        }
        // Another message with the same Message-ID is a copy of the same mail (a sent copy, a list echo).
        for (Container c : containers) {
            Container first = ids.get(c.id);
            if (first != c) {
                c.join(first);
                if (c.parent == null && !c.isAncestorOf(first)) {
                    c.setParent(first);
                }
            }
        }
        // 3. The root set, 4. pruned of empty containers.
        List<Container> roots = new ArrayList<>();
        for (Container c : all.values()) {
            if (c.parent == null) {
                roots.add(c);
            }
        }
        for (Container c : containers) {
            // Messages sharing a Message-ID with another are not in the table; they are roots of their own.
            if (c.parent == null && ids.get(c.id) != c) {
                roots.add(c);
            }
        }
        // Membership by union; the order inside a thread follows the tree (parents before their replies).
        Map<Container, List<Item>> byGroup = new LinkedHashMap<>();
        for (Container root : roots) {
            for (Item item : members(root)) {
                byGroup.computeIfAbsent(holders.get(item).root(), k -> new ArrayList<>()).add(item);
            }
        }
        List<List<Item>> threads = new ArrayList<>(byGroup.values());
        // 5. Subject grouping, for messages without any threading headers only.
        threads = groupBySubject(threads);
        // 6. Sort: messages by date inside a thread, threads by their latest message.
        Comparator<Item> byDate = Comparator.comparing(JwzThreader::dateOf).thenComparing(Item::key);
        List<Thread> result = new ArrayList<>();
        for (List<Item> t : threads) {
            t.sort(byDate);
            result.add(new Thread(t.getFirst().messageId(), List.copyOf(t)));
        }
        result.sort(Comparator.comparing((Thread t) -> dateOf(t.items().getLast())).reversed()
                .thenComparing(Thread::id));
        return result;
    }

    /** Thread of each message by its key: the Message-ID of the thread's first message. */
    public static Map<String, String> threadIds(List<Item> items) {
        Map<String, String> byKey = new LinkedHashMap<>();
        for (Thread t : thread(items)) {
            for (Item i : t.items()) {
                byKey.put(i.key(), t.id());
            }
        }
        return byKey;
    }

    /** A person's mail is never linked to the bulk mail it answers (see {@link ThreadRules#mayLink}). */
    private static boolean answersBulk(Item item, Container ref) {
        return ref != null && ref.item != null && !ThreadRules.mayLink(item.automated(), ref.item.automated());
    }

    /** The messages under a root; empty containers are pruned by simply not being collected. */
    private static List<Item> members(Container root) {
        List<Item> out = new ArrayList<>();
        Deque<Container> todo = new ArrayDeque<>();
        Map<Container, Boolean> seen = new IdentityHashMap<>();
        todo.push(root);
        while (!todo.isEmpty()) {
            Container c = todo.pop();
            if (seen.put(c, Boolean.TRUE) != null) {
                continue;
            }
            if (c.item != null) {
                out.add(c.item);
            }
            c.children.forEach(todo::push);
        }
        return out;
    }

    private static List<List<Item>> groupBySubject(List<List<Item>> threads) {
        threads.sort(Comparator.comparing(t -> t.stream().map(JwzThreader::dateOf).min(Instant::compareTo).orElseThrow()));
        // (subject, party) -> date -> thread index, over every message seen so far
        Map<String, TreeMap<Instant, Integer>> index = new HashMap<>();
        int[] owner = new int[threads.size()];
        for (int i = 0; i < threads.size(); i++) {
            owner[i] = i;
        }
        for (int i = 0; i < threads.size(); i++) {
            List<Item> t = threads.get(i);
            Item first = t.stream().min(Comparator.comparing(JwzThreader::dateOf)).orElseThrow();
            String key = key(first);
            if (first.references().isEmpty() && key != null && first.date() != null) {
                TreeMap<Instant, Integer> candidates = index.get(key);
                Integer target = candidates == null ? null : nearest(candidates, first.date());
                if (target != null) {
                    owner[i] = find(owner, target);
                }
            }
            for (Item item : t) {
                String k = key(item);
                if (k != null && item.date() != null) {
                    index.computeIfAbsent(k, x -> new TreeMap<>()).put(item.date(), i);
                }
            }
        }
        Map<Integer, List<Item>> merged = new LinkedHashMap<>();
        for (int i = 0; i < threads.size(); i++) {
            merged.computeIfAbsent(find(owner, i), x -> new ArrayList<>()).addAll(threads.get(i));
        }
        return new ArrayList<>(merged.values());
    }

    /** The thread of the latest earlier message within the window: a subject only continues what came before. */
    private static Integer nearest(TreeMap<Instant, Integer> candidates, Instant at) {
        var before = candidates.floorEntry(at);
        if (before != null && !before.getKey().plus(ThreadRules.SUBJECT_WINDOW).isBefore(at)) {
            return before.getValue();
        }
        return null;
    }

    private static int find(int[] owner, int i) {
        while (owner[i] != i) {
            owner[i] = owner[owner[i]];
            i = owner[i];
        }
        return i;
    }

    private static String key(Item item) {
        String subject = ThreadRules.subjectKey(item.subject());
        return subject == null || item.party() == null ? null : subject + "\u0000" + item.party();
    }

    private static Instant dateOf(Item item) {
        return item.date() == null ? Instant.EPOCH : item.date();
    }
}
