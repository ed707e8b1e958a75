package app.rapport.recall;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongConsumer;

/**
 * Indexes batches of messages just stored on a thread of its own, so that Lucene works while the caller stores the
 * next batch (an import, a first sync of old mail). What it took in becomes searchable after the first batch and
 * then every {@value #SEARCHABLE_EVERY_SECONDS} seconds, and durable every {@value #COMMIT_EVERY} messages and at
 * {@link #close()}; a lost tail is indexed again by the start-up check. (Each time the index is made searchable,
 * Lucene writes out a segment and later merges it with the others: by time, a long import writes a few large
 * segments, where a fixed count of messages wrote dozens of small ones.) A caller that knows how many messages are
 * coming says so with {@link #expect}: the feed then also writes out what it holds once half and once seven
 * eighths have come, while the rest is still being read and parsed, so that {@code close()}, which nothing else
 * overlaps, has only a small last segment to write, and the one before it is not a single large one written when
 * little else is left to run beside it. At most {@value #BACKLOG} batches wait, so a slow index holds the
 * caller back, not the heap. Used by one caller thread.
 * <p>
 * A reply that quotes a message not stored yet (a first sync reads newest first, so parents mostly come later)
 * waits here for it, up to {@value #MAX_AWAITING} replies: indexed without its quoted lines once the parent comes,
 * with them if it has not come by the end of the run (see {@link QuotedLines}).
 */
public final class IndexFeed implements AutoCloseable {

    static final int SEARCHABLE_EVERY_SECONDS = 5;
    static final int COMMIT_EVERY = 20_000;
    private static final int BACKLOG = 2;
    /** The shares of an expected total after which what the feed holds is written out. */
    private static final double[] WRITE_OUT_AT = {0.5, 0.875};
    /** At most this many replies wait for their parents; beyond it, those waiting longest are indexed whole. */
    static final int MAX_AWAITING = 5_000;

    /**
     * A message of a bulk run as the feed takes it.
     *
     * @param messageId     its Message-ID, which replies waiting here may name as their parent
     * @param awaitedParent the Message-ID of the stored-later parent whose quotes it holds, or null to index it now
     */
    public record Item(MessageIndex.Entry entry, String messageId, String awaitedParent) {
    }

    private final MessageIndex index;
    private final LongConsumer nanosSpent;
    private final ExecutorService thread;
    private final Deque<Future<?>> pending = new ArrayDeque<>();
    // touched by the indexing thread only
    private long searchableAt = Long.MIN_VALUE;
    private int sinceCommit;
    private volatile int expected;
    private int taken;
    private int nextPoint;
    private boolean closed;
    // caller thread: replies waiting for their parent, by the parent's Message-ID, those waiting longest first
    private final LinkedHashMap<String, List<MessageIndex.Entry>> awaiting = new LinkedHashMap<>();
    private int awaitingCount;

    /** {@code nanosSpent} is told the time each batch took on the indexing thread (for a benchmark's stages). */
    IndexFeed(MessageIndex index, String threadName, LongConsumer nanosSpent) {
        this.index = index;
        this.nanosSpent = nanosSpent;
        this.thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
    }

    /** How many messages this feed will be handed in all, at most (0: not known, the default). */
    public void expect(int messages) {
        expected = messages;
    }

    /** Hands a batch to the indexing thread; waits while {@value #BACKLOG} batches are still waiting. */
    void add(List<MessageIndex.Entry> entries) {
        pending.add(thread.submit(() -> indexNow(entries)));
        while (pending.size() > BACKLOG) {
            await(pending.removeFirst());
        }
    }

    /**
     * Hands a batch to the indexing thread, with the replies waiting for a message of it; replies of it whose
     * parent is not stored yet wait.
     */
    public void addBatch(List<Item> items) {
        List<MessageIndex.Entry> now = new ArrayList<>(items.size());
        for (Item item : items) {
            List<MessageIndex.Entry> replies = awaiting.remove(item.messageId());
            if (replies != null) {
                awaitingCount -= replies.size();
                replies.forEach(r -> now.add(r.withParentStored()));
            }
            if (item.awaitedParent() == null) {
                now.add(item.entry());
            } else {
                awaiting.computeIfAbsent(item.awaitedParent(), k -> new ArrayList<>(1)).add(item.entry());
                awaitingCount++;
            }
        }
        // A parent mostly comes soon after its replies, or not at all: who waited longest goes first.
        var longest = awaiting.values().iterator();
        while (awaitingCount > MAX_AWAITING && longest.hasNext()) {
            List<MessageIndex.Entry> replies = longest.next();
            longest.remove();
            awaitingCount -= replies.size();
            now.addAll(replies);
        }
        if (!now.isEmpty()) {
            add(now);
        }
    }

    private void indexNow(List<MessageIndex.Entry> entries) {
        long started = System.nanoTime();
        index.addAll(entries);
        sinceCommit += entries.size();
        taken += entries.size();
        boolean writeOut = false;
        while (expected > 0 && taken < expected && nextPoint < WRITE_OUT_AT.length
                && taken >= expected * WRITE_OUT_AT[nextPoint]) {
            nextPoint++;
            writeOut = true;
        }
        if (sinceCommit >= COMMIT_EVERY) {
            index.commit();
            sinceCommit = 0;
            searchableAt = System.nanoTime();
        } else if (writeOut || searchableAt == Long.MIN_VALUE
                || System.nanoTime() - searchableAt >= SEARCHABLE_EVERY_SECONDS * 1_000_000_000L) {
            index.refresh();
            searchableAt = System.nanoTime();
        }
        nanosSpent.accept(System.nanoTime() - started);
    }

    /**
     * Hands over the replies still waiting for their parent, with their quotes, then waits until every batch
     * handed over is in the index, not yet committed: what the caller then writes to the
     * index itself becomes durable with the same commit, in {@link #close()}. A batch that could not be indexed is
     * reported here.
     */
    public void awaitIndexed() {
        if (!awaiting.isEmpty()) {
            // the run is over: replies whose parent never came keep their quotes
            List<MessageIndex.Entry> whole = new ArrayList<>(awaitingCount);
            awaiting.values().forEach(whole::addAll);
            awaiting.clear();
            awaitingCount = 0;
            add(whole);
        }
        while (!pending.isEmpty()) {
            await(pending.removeFirst());
        }
    }

    /**
     * Waits for every batch handed over, then commits; later calls do nothing. A batch that could not be indexed
     * is reported here.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            awaitIndexed();
            long started = System.nanoTime();
            index.commit();
            nanosSpent.accept(System.nanoTime() - started);
        } finally {
            thread.shutdownNow();
        }
    }

    private static void await(Future<?> batch) {
        try {
            batch.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while indexing", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r
                    : new IllegalStateException("indexing failed: " + e.getCause(), e.getCause());
        }
    }
}
