package app.rapport.mailbox;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import jakarta.mail.Folder;
import jakarta.mail.MessagingException;
import jakarta.mail.Store;

import org.eclipse.angus.mail.iap.CommandFailedException;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.protocol.Status;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import app.rapport.mailbox.FolderStates.FolderState;

import app.rapport.Durability;

/**
 * Reads one folder: new mail above the cursor first, then, for a folder whose history is not in yet, older mail
 * newest first, one batch at a time. After each batch is stored the cursor moves, so an interrupted first sync
 * resumes where it stopped and the newest mail is in the inbox after the first batch.
 */
@Component
class FolderReader {

    private static final Logger log = LoggerFactory.getLogger(FolderReader.class);
    /** Size of the first batch of a folder's history; the next batches double up to the configured size. */
    static final int FIRST_HISTORY_BATCH = 25;
    /** How often, at least, a folder's history read in bulk is forced to disk. */
    private static final long FORCE_HISTORY_EVERY_NANOS = 2_000_000_000L;

    private final FolderStates states;
    private final SyncNotices notices;
    private final MessageIngest ingest;
    private final LargeMessages large;
    private final SyncSettings settings;
    private final TransactionTemplate transactions;
    private final Durability durability;
    private final ObjectProvider<HistoryIngest> history;
    private final RawMessageStore raw;
    private final Clock clock;
    private final Pauses pauses;

    FolderReader(FolderStates states, SyncNotices notices, MessageIngest ingest, LargeMessages large,
                 SyncSettings settings, PlatformTransactionManager transactionManager, Durability durability,
                 ObjectProvider<HistoryIngest> history, RawMessageStore raw, Clock clock, Pauses pauses) {
        this.pauses = pauses;
        this.transactions = new TransactionTemplate(transactionManager);
        this.durability = durability;
        this.history = history;
        this.raw = raw;
        this.clock = clock;
        this.states = states;
        this.notices = notices;
        this.ingest = ingest;
        this.large = large;
        this.settings = settings;
    }

    int read(MailAccount account, Store store, String name, SyncListener listener) throws MessagingException {
        IMAPFolder folder = (IMAPFolder) store.getFolder(name);
        Optional<Status> status = status(folder, name);
        if (status.isEmpty()) {
            log.warn("Folder '{}' does not exist in account '{}'; skipped", name, account.name());
            return 0;
        }
        Optional<FolderState> known = states.find(account.name(), name);
        Status s = status.get();
        Long modSeq = s.highestmodseq > 0 ? s.highestmodseq : null;
        if (known.isPresent() && unchanged(known.get(), s)) {
            // Nothing new: one STATUS per folder and no SELECT keeps an idle sync of many folders fast.
            FolderState k = known.get();
            if (k.messageCount() != s.total || !java.util.Objects.equals(k.highestModSeq(), modSeq)) {
                states.save(account.name(), name, k.withServerCounters(modSeq, s.total));
            }
            listener.folderDone(account.name(), name, 0, s.total);
            return 0;
        }
        folder.open(Folder.READ_ONLY);
        try {
            long uidValidity = folder.getUIDValidity();
            long uidNext = folder.getUIDNext();
            FolderState state = startingPoint(account, name, known, uidValidity, uidNext)
                    .withServerCounters(modSeq, folder.getMessageCount());
            states.save(account.name(), name, state);
            Batches batches = new Batches(account, name, folder, listener, uidNext);
            state = batches.readNew(state);
            state = batches.readHistory(state);
            listener.folderDone(account.name(), name, batches.stored, state.messageCount());
            return batches.stored;
        } finally {
            if (folder.isOpen()) {
                folder.close(false);
            }
        }
    }

    private static boolean unchanged(FolderState k, Status s) {
        return k.uidValidity() == s.uidvalidity && k.historyComplete() && s.uidnext > 0 && s.uidnext <= k.lastUid() + 1;
    }

    private Optional<Status> status(IMAPFolder folder, String name) throws MessagingException {
        try {
            return Optional.of((Status) folder.doCommand(p -> p.status(name, p.hasCapability("CONDSTORE")
                    ? new String[] {"MESSAGES", "UIDNEXT", "UIDVALIDITY", "HIGHESTMODSEQ"}
                    : new String[] {"MESSAGES", "UIDNEXT", "UIDVALIDITY"})));
        } catch (MessagingException e) {
            if (e.getCause() instanceof CommandFailedException && !folder.exists()) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** Where reading starts: the stored cursor, or an empty range below the newest message. */
    private FolderState startingPoint(MailAccount account, String name, Optional<FolderState> known,
                                      long uidValidity, long uidNext) {
        if (known.isEmpty()) {
            return FolderState.fresh(uidValidity, uidNext, 0);
        }
        FolderState k = known.get();
        if (k.uidValidity() == uidValidity) {
            return k.uidValidityChanges() == 0 ? k
                    : new FolderState(k.uidValidity(), k.lowUid(), k.lastUid(), k.highestModSeq(), 0, k.messageCount());
        }
        int changes = k.uidValidityChanges() + 1;
        FolderState again = FolderState.fresh(uidValidity, uidNext, changes);
        if (changes >= settings.uidValidityChangesBeforeStop()) {
            states.save(account.name(), name, again);
            String text = "stopped: the server gave folder '" + name + "' new message numbers (UIDVALIDITY) on "
                    + changes + " syncs in a row, so Rapport cannot tell which of its messages it already has."
                    + " Nothing was deleted. Check the mail server; reading starts again once the numbers stay the same.";
            notices.add(account.name(), name, text);
            throw new AccountStoppedException("Account '" + account.name() + "' " + text);
        }
        notices.add(account.name(), name, "folder '" + name + "' was renumbered by the server (UIDVALIDITY "
                + k.uidValidity() + " → " + uidValidity + "); reading it again: messages already stored are"
                + " recognised by Message-ID and content and not stored twice, nothing is deleted");
        return again;
    }

    /**
     * The history in batches of {@code size}, except the first few and the last few. The first start small and
     * double: the thread that stores has work after a few dozen messages instead of waiting for a whole batch to
     * come in. The last halve down to the same small size: once the last message is fetched, only the last batch
     * is left to store and index, while the others were stored as the next ones came in, so a small last batch
     * ends the folder sooner.
     */
    static List<List<UidFetcher.Entry>> historyBatches(List<UidFetcher.Entry> entries, int size) {
        int first = Math.min(size, FIRST_HISTORY_BATCH);
        // the small batches at the end, largest first, taken from what the doubling at the start leaves
        java.util.ArrayDeque<Integer> tail = new java.util.ArrayDeque<>();
        int rest = entries.size();
        for (int head = first; head < size && rest > 0; head = Math.min(size, head * 2)) {
            rest -= Math.min(rest, head);
        }
        for (int end = first; end < size && rest >= end + size; end *= 2) {
            tail.addFirst(end);
            rest -= end;
        }
        List<List<UidFetcher.Entry>> batches = new ArrayList<>();
        int next = first;
        int i = 0;
        int endOfMiddle = entries.size() - tail.stream().mapToInt(Integer::intValue).sum();
        while (i < endOfMiddle) {
            int end = Math.min(endOfMiddle, i + next);
            batches.add(entries.subList(i, end));
            i = end;
            next = Math.min(size, next * 2);
        }
        for (int n : tail) {
            batches.add(entries.subList(i, i + n));
            i += n;
        }
        return batches;
    }

    /** The batches of one folder read, counting what was stored. */
    private final class Batches {
        private final MailAccount account;
        private final String name;
        private final UidFetcher fetcher;
        private final SyncListener listener;
        private final long uidNext;
        int stored;

        Batches(MailAccount account, String name, IMAPFolder folder, SyncListener listener, long uidNext) {
            this.account = account;
            this.name = name;
            this.fetcher = new UidFetcher(folder);
            this.listener = listener;
            this.uidNext = uidNext;
        }

        FolderState readNew(FolderState state) throws MessagingException {
            if (state.lastUid() + 1 > uidNext - 1) {
                return state;
            }
            List<UidFetcher.Entry> entries = new ArrayList<>(fetcher.list(state.lastUid() + 1, uidNext - 1));
            entries.sort(Comparator.comparingLong(UidFetcher.Entry::uid));
            for (int i = 0; i < entries.size(); i += settings.batchSize()) {
                List<UidFetcher.Entry> batch = entries.subList(i, Math.min(entries.size(), i + settings.batchSize()));
                store(batch);
                state = state.withRange(state.lowUid(), batch.getLast().uid());
                moved(state);
            }
            state = state.withRange(state.lowUid(), uidNext - 1);
            moved(state);
            return state;
        }

        FolderState readHistory(FolderState state) throws MessagingException {
            if (state.historyComplete()) {
                return state;
            }
            List<UidFetcher.Entry> entries = new ArrayList<>(fetcher.list(1, state.lowUid() - 1));
            entries.sort(Comparator.comparingLong(UidFetcher.Entry::uid).reversed());
            List<List<UidFetcher.Entry>> batches = historyBatches(entries, settings.batchSize());
            HistoryIngest bulk = history.getIfAvailable();
            if (bulk == null) {
                for (List<UidFetcher.Entry> batch : batches) {
                    store(batch);
                    state = state.withRange(batch.getLast().uid(), state.lastUid());
                    moved(state);
                }
            } else {
                state = readHistoryInBulk(state, batches, bulk);
            }
            state = state.withRange(1, state.lastUid());
            moved(state);
            return state;
        }

        /**
         * History in bulk, with the next batch fetched (and parsed) on a second thread while this one stores the
         * current batch. Mail dated within {@code recent} goes the live way, one message at a time, so it is
         * drafted like mail that arrives; older mail is stored in one transaction per batch with the cursor.
         * The first batch is forced to disk before anyone is told; after it, what is stored is forced at least
         * every two seconds, and all of it when the folder is done (see {@link #readHistory}). The cursor is
         * committed with its batch, so a process killed in between comes back to a cursor and messages that agree,
         * and reads the rest again. A checkpoint per batch rewrote the same database pages dozens of times.
         */
        private FolderState readHistoryInBulk(FolderState state, List<List<UidFetcher.Entry>> batches,
                                              HistoryIngest bulk) throws MessagingException {
            Instant recentFrom = Instant.now(clock).minus(settings.recent());
            List<Long> arrivedLive = new ArrayList<>();
            HistoryIngest.Run run = null;
            int remaining = batches.stream().mapToInt(List::size).sum();
            Long forced = null;
            try (Prefetch ahead = new Prefetch(batches)) {
                for (List<UidFetcher.Entry> batch : batches) {
                    Fetched f = ahead.next();
                    // The batch's raw bytes reach the disk before any of its rows exist (the fetching thread wrote
                    // them and goes on with the next batch meanwhile).
                    f.files().sync();
                    stored += f.storedAlready();
                    List<MessageIngest.Prepared> old = new ArrayList<>();
                    for (MessageIngest.Prepared p : f.prepared()) {
                        if (p.parsed() != null && p.parsed().date() != null && p.parsed().date().isAfter(recentFrom)) {
                            try {
                                ingest.store(p.bytes(), p.origin()).ifPresent(id -> {
                                    arrivedLive.add(id);
                                    stored++;
                                });
                            } catch (DuplicateKeyException already) {
                                // stored a moment ago by someone else: what counts is that it is there
                            }
                        } else {
                            old.add(p);
                        }
                    }
                    if (!old.isEmpty() && (run == null || !arrivedLive.isEmpty())) {
                        if (run != null) {
                            run.close();
                        }
                        run = bulk.open(List.copyOf(arrivedLive), remaining);
                        arrivedLive.clear();
                    }
                    remaining -= batch.size();
                    FolderState next = state.withRange(batch.getLast().uid(), state.lastUid());
                    stored += storeHistory(run, old, next);
                    state = next;
                    if (forced == null || System.nanoTime() - forced >= FORCE_HISTORY_EVERY_NANOS) {
                        durability.flush();
                        forced = System.nanoTime();
                    }
                    report(state);
                }
            } finally {
                if (run != null) {
                    run.close();
                }
            }
            return state;
        }

        /** The batch and the cursor below it, in one transaction; again if someone stored some of it meanwhile. */
        private int storeHistory(HistoryIngest.Run run, List<MessageIngest.Prepared> batch, FolderState cursor) {
            for (int attempt = 1; ; attempt++) {
                try {
                    Integer n = transactions.execute(status -> {
                        int m = batch.isEmpty() ? 0 : run.store(batch);
                        states.save(account.name(), name, cursor);
                        return m;
                    });
                    return n == null ? 0 : n;
                } catch (DuplicateKeyException e) {
                    // Mail read live a moment ago may be creating the same customer; its commit is near.
                    if (attempt >= 3) {
                        throw e;
                    }
                    pauses.sleep(50L * attempt);
                }
            }
        }

        /** One batch as the fetching thread hands it over: parsed, its raw bytes written (not yet forced). */
        private record Fetched(List<MessageIngest.Prepared> prepared, int storedAlready, RawMessageStore.Batch files) {
        }

        /**
         * Fetches the batches in order on its own thread, one batch ahead of the thread that stores them. Only this
         * thread talks to the server while it runs; an error it meets is handed over in place of the next batch.
         */
        private final class Prefetch implements AutoCloseable {
            private final java.util.concurrent.BlockingQueue<Object> ready = new java.util.concurrent.ArrayBlockingQueue<>(1);
            private volatile boolean stopped;
            private final Thread thread;
            private final java.util.concurrent.ExecutorService parsers = java.util.concurrent.Executors.newFixedThreadPool(
                    Runtime.getRuntime().availableProcessors(),
                    r -> Thread.ofPlatform().daemon().name("sync-parse-" + account.name()).unstarted(r));

            Prefetch(List<List<UidFetcher.Entry>> batches) {
                thread = Thread.ofPlatform().daemon().name("sync-fetch-" + account.name()).start(() -> {
                    try {
                        for (List<UidFetcher.Entry> batch : batches) {
                            if (stopped) {
                                return;
                            }
                            hand(fetchAndPrepare(batch));
                        }
                    } catch (Throwable e) {
                        hand(e);
                    }
                });
            }

            private void hand(Object item) {
                try {
                    while (!stopped && !ready.offer(item, 100, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                        // the storing side is still busy with the batch before
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }

            Fetched next() throws MessagingException {
                Object item;
                try {
                    item = ready.take();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("the sync was interrupted", e);
                }
                return switch (item) {
                    case Fetched f -> f;
                    case MessagingException e -> throw e;
                    case RuntimeException e -> throw e;
                    case Error e -> throw e;
                    default -> throw new IllegalStateException("fetching failed: " + item, (Throwable) item);
                };
            }

            private Fetched fetchAndPrepare(List<UidFetcher.Entry> batch) throws MessagingException {
                long limit = settings.maxMessageSize().toBytes();
                long budget = settings.batchBytes().toBytes();
                int large = 0;
                List<Long> group = new ArrayList<>();
                long groupBytes = 0;
                // Parsed on every core while the next messages still come in from the server.
                List<java.util.concurrent.Future<MessageIngest.Prepared>> parsing = new ArrayList<>(batch.size());
                UidFetcher.MessageSink sink = (uid, bytes) -> parsing.add(parsers.submit(
                        () -> ingest.prepare(bytes, new MessageIngest.Origin(account.name(), name, uid))));
                for (UidFetcher.Entry e : batch) {
                    if (e.size() > limit) {
                        if (FolderReader.this.large.store(fetcher, e,
                                new MessageIngest.Origin(account.name(), name, e.uid())).isPresent()) {
                            large++;
                        }
                        continue;
                    }
                    if (!group.isEmpty() && groupBytes + e.size() > budget) {
                        fetcher.fetch(group, sink);
                        group.clear();
                        groupBytes = 0;
                    }
                    group.add(e.uid());
                    groupBytes += e.size();
                }
                fetcher.fetch(group, sink);
                List<MessageIngest.Prepared> prepared = new ArrayList<>(parsing.size());
                for (java.util.concurrent.Future<MessageIngest.Prepared> p : parsing) {
                    prepared.add(parsed(p));
                }
                // Raw bytes are written here, while the batch before is stored; the storing side forces them.
                RawMessageStore.Batch files = raw.batch();
                prepared.forEach(files::add);
                return new Fetched(prepared, large, files);
            }

            private MessageIngest.Prepared parsed(java.util.concurrent.Future<MessageIngest.Prepared> p) {
                try {
                    return p.get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("the sync was interrupted", e);
                } catch (java.util.concurrent.ExecutionException e) {
                    // prepare() turns bad mail into a quarantine entry; what escapes it is a fault of Rapport's own
                    throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                }
            }

            @Override
            public void close() {
                stopped = true;
                ready.clear();
                try {
                    thread.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    parsers.shutdownNow();
                }
            }
        }

        private void moved(FolderState state) {
            states.save(account.name(), name, state);
            // The batch and the cursor below it are on disk before anyone is told the batch is done.
            durability.flush();
            report(state);
        }

        private void report(FolderState state) {
            long total = Math.max(0, uidNext - 1);
            long done = Math.min(total, Math.max(0, state.lastUid() - Math.max(1, state.lowUid()) + 1));
            listener.batchDone(account.name(), name, stored, done, total);
        }

        private void store(List<UidFetcher.Entry> batch) throws MessagingException {
            long limit = settings.maxMessageSize().toBytes();
            long budget = settings.batchBytes().toBytes();
            List<Long> group = new ArrayList<>();
            long groupBytes = 0;
            for (UidFetcher.Entry e : batch) {
                if (e.size() > limit) {
                    if (large.store(fetcher, e, new MessageIngest.Origin(account.name(), name, e.uid())).isPresent()) {
                        stored++;
                    }
                    continue;
                }
                if (!group.isEmpty() && groupBytes + e.size() > budget) {
                    fetchGroup(group);
                    group.clear();
                    groupBytes = 0;
                }
                group.add(e.uid());
                groupBytes += e.size();
            }
            fetchGroup(group);
        }

        private void fetchGroup(List<Long> uids) throws MessagingException {
            List<Long> fetchedUids = new ArrayList<>();
            List<byte[]> bodies = new ArrayList<>();
            fetcher.fetch(uids, (uid, raw) -> {
                fetchedUids.add(uid);
                bodies.add(raw);
            });
            try {
                // One commit for the whole group: far fewer round trips to the database than one per message.
                Integer n = transactions.execute(status -> storeEach(fetchedUids, bodies));
                stored += n == null ? 0 : n;
            } catch (DuplicateKeyException e) {
                // Someone stored one of these bytes a moment ago; store one by one, skipping what is there.
                for (int i = 0; i < fetchedUids.size(); i++) {
                    try {
                        stored += storeEach(List.of(fetchedUids.get(i)), List.of(bodies.get(i)));
                    } catch (DuplicateKeyException already) {
                        // already there is what counts
                    }
                }
            }
        }

        private int storeEach(List<Long> uids, List<byte[]> bodies) {
            int n = 0;
            for (int i = 0; i < uids.size(); i++) {
                if (ingest.store(bodies.get(i), new MessageIngest.Origin(account.name(), name, uids.get(i))).isPresent()) {
                    n++;
                }
            }
            return n;
        }
    }
}
