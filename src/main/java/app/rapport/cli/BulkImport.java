package app.rapport.cli;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLongArray;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import app.rapport.Durability;
import app.rapport.customers.BulkAttribution;
import app.rapport.customers.Customers;
import app.rapport.mailbox.MailAccounts;
import app.rapport.mailbox.MailFiles;
import app.rapport.mailbox.MessageIngest;
import app.rapport.mailbox.Messages;
import app.rapport.mailbox.RawMessageStore;
import app.rapport.mailbox.SyncSettings;
import app.rapport.recall.IndexFeed;
import app.rapport.recall.MessageIndex;
import app.rapport.recall.MessageIndexer;
import app.rapport.recall.StoredBatch;
import app.rapport.threading.BulkThreading;

/**
 * The bulk path of ingest, shared by {@code import} and {@code bench ingest}. Three stages overlap: files are read,
 * parsed and written raw on every core, in chunks; this thread forces each chunk's raw files to disk together,
 * stores the chunk in one transaction (batched inserts), threads it in memory with the live rules and attributes
 * customers; one more thread adds it to the Lucene writer, which commits every few thousand messages. The result
 * is what the live path gives for the same mail, except that imported mail is history: it gets no drafts (drafts
 * are only written for mail that arrives while Rapport runs).
 */
@Component
class BulkImport {

    static final int CHUNK = 256;
    /** The most of a large message's header section that is read (the parser caps headers below this anyway). */
    private static final int MAX_HEADER_BYTES = 4 << 20;

    /** Stages whose time is measured: read, parse, strip, store, thread, customers, index. */
    enum Stage { READ, PARSE, STRIP, STORE, THREAD, CUSTOMERS, INDEX }

    /** What an import did, with nanoseconds per stage (summed over threads for the parallel ones). */
    record Summary(int seen, int stored, int duplicates, int quarantined, int conversationsCreated,
                   long customers, long[] stageNanos, long wallNanos, long cpuNanos) {
        double perSecond(int n) {
            return n / (wallNanos / 1e9);
        }
    }

    private final MessageIngest ingest;
    private final BulkThreading threading;
    private final BulkAttribution attribution;
    private final MessageIndex index;
    private final MessageIndexer indexer;
    private final Customers customers;
    private final TransactionTemplate tx;
    private final Set<String> ownAddresses;
    private final java.time.Clock clock;
    private final RawMessageStore raw;
    private final Durability durability;
    private final SyncSettings settings;
    private final Messages messages;

    BulkImport(java.time.Clock clock, RawMessageStore raw, Durability durability, SyncSettings settings,
               MessageIngest ingest,
               BulkThreading threading, BulkAttribution attribution, MessageIndex index, MessageIndexer indexer,
               Customers customers, TransactionTemplate tx, MailAccounts accounts, Messages messages) {
        this.clock = clock;
        this.raw = raw;
        this.durability = durability;
        this.settings = settings;
        this.ingest = ingest;
        this.threading = threading;
        this.attribution = attribution;
        this.index = index;
        this.indexer = indexer;
        this.customers = customers;
        this.tx = tx;
        this.ownAddresses = accounts.addresses();
        this.messages = messages;
    }

    /** One unit of input: how to get its bytes, and where it came from. */
    interface Source {
        byte[] bytes() throws IOException;

        String name();

        /** The size in bytes when known without reading the message, else -1. */
        default long size() {
            return -1;
        }

        /** The bytes as a stream, for a message too large to read whole. */
        default InputStream open() throws IOException {
            return new ByteArrayInputStream(bytes());
        }

        /** A message already in memory. */
        static Source bytes(byte[] bytes, String name) {
            return new Source() {
                @Override
                public byte[] bytes() {
                    return bytes;
                }

                @Override
                public String name() {
                    return name;
                }

                @Override
                public long size() {
                    return bytes.length;
                }
            };
        }

        /** A message in a file, read when it is needed; {@code size} is asked of the file system when it is -1. */
        static Source file(Path file, String name, long size) {
            return new Source() {
                @Override
                public byte[] bytes() throws IOException {
                    return Files.readAllBytes(file);
                }

                @Override
                public String name() {
                    return name;
                }

                @Override
                public long size() {
                    if (size >= 0) {
                        return size;
                    }
                    try {
                        return Files.size(file);
                    } catch (IOException e) {
                        return -1;
                    }
                }

                @Override
                public InputStream open() throws IOException {
                    return Files.newInputStream(file);
                }
            };
        }
    }

    static List<Source> files(List<Path> paths) {
        List<Source> sources = new ArrayList<>(paths.size());
        for (Path p : paths) {
            sources.add(Source.file(p, p.toString(), -1));
        }
        return sources;
    }

    /** Imports the sources; {@code total} is their number when known (for the progress bar), else -1. */
    Summary run(Iterator<Source> sources, int total, PrintStream progress) {
        return run(sources, total, progress, largeOver());
    }

    /** The size over which a message is streamed into the raw store and stored as its headers. */
    long largeOver() {
        return settings.maxMessageSize().toBytes();
    }

    /** As above; messages over {@code largeOver} bytes are streamed into the raw store and stored as their headers. */
    Summary run(Iterator<Source> sources, int total, PrintStream progress, long largeOver) {
        long started = System.nanoTime();
        long cpuBefore = processCpuNanos();
        AtomicLongArray nanos = new AtomicLongArray(Stage.values().length);
        long customersBefore = customers.count();
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
        ExecutorService pool = Executors.newFixedThreadPool(threads, daemon("import-parse"));
        int seen = 0;
        int stored = 0;
        int duplicates = 0;
        int quarantined = 0;
        BulkThreading.ImportRun run = threading.open();
        // Lucene works on its own thread, so indexing one batch overlaps storing and threading the next.
        try (IndexFeed indexing = index.feed("import-index", t -> nanos.addAndGet(Stage.INDEX.ordinal(), t))) {
            indexing.expect(total);
            Deque<Future<Prepared>> inFlight = new ArrayDeque<>();
            while (sources.hasNext() || !inFlight.isEmpty()) {
                while (sources.hasNext() && inFlight.size() < threads * 3) {
                    List<Source> chunk = new ArrayList<>(CHUNK);
                    while (sources.hasNext() && chunk.size() < CHUNK) {
                        chunk.add(sources.next());
                    }
                    inFlight.add(pool.submit(() -> prepare(chunk, largeOver, nanos)));
                }
                Prepared prepared = inFlight.removeFirst().get();
                List<MessageIngest.Prepared> batch = prepared.messages();
                seen += batch.size();
                // The chunk's durability point, before any of its rows exists. Waiting here rather than on the
                // parsing threads keeps them parsing, and a flush the file system did meanwhile serves at once.
                long t0 = System.nanoTime();
                prepared.files().sync();
                nanos.addAndGet(Stage.STORE.ordinal(), System.nanoTime() - t0);
                Stored outcome = store(batch, run, nanos);
                stored += outcome.result().stored().size();
                duplicates += outcome.result().duplicates();
                quarantined += outcome.result().quarantined();
                indexing.addBatch(outcome.entries());
                progress(progress, seen, total, started);
            }
            indexing.awaitIndexed();
            long t = System.nanoTime();
            // Conversations that took in others: their messages again, made durable by the feed's one commit.
            indexer.rewriteConversations(run.mergedInto());
            nanos.addAndGet(Stage.INDEX.ordinal(), System.nanoTime() - t);
            indexing.close();
            t = System.nanoTime();
            durability.flush();
            nanos.addAndGet(Stage.STORE.ordinal(), System.nanoTime() - t);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("the import was interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("reading the mail failed: " + e.getCause().getMessage(), e.getCause());
        } finally {
            pool.shutdownNow();
            run.close();
        }
        if (progress != null) {
            progress.print("\r\033[K");
            progress.flush();
        }
        long[] stageNanos = new long[nanos.length()];
        for (int i = 0; i < stageNanos.length; i++) {
            stageNanos[i] = nanos.get(i);
        }
        return new Summary(seen, stored, duplicates, quarantined, run.conversationsCreated(),
                customers.count() - customersBefore, stageNanos, System.nanoTime() - started,
                processCpuNanos() - cpuBefore);
    }

    /** CPU time of the whole process (every thread, the JIT and the collector too); -1 where the JVM cannot tell. */
    private static long processCpuNanos() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os ? os.getProcessCpuTime() : -1;
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    /** A chunk read and parsed, with its raw files written but not yet forced to disk. */
    private record Prepared(List<MessageIngest.Prepared> messages, RawMessageStore.Batch files) {
    }

    /** Reads and parses one chunk on a pool thread and writes its raw bytes (forced to disk later, together). */
    private Prepared prepare(List<Source> chunk, long largeOver, AtomicLongArray nanos) {
        List<MessageIngest.Prepared> out = new ArrayList<>(chunk.size());
        long[] parseStrip = new long[2];
        long read = 0;
        long write = 0;
        RawMessageStore.Batch files = raw.batch();
        for (Source s : chunk) {
            long t = System.nanoTime();
            long size = s.size();
            if (size > largeOver) {
                out.add(large(s));
                write += System.nanoTime() - t;
                continue;
            }
            byte[] bytes;
            try {
                bytes = s.bytes();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + s.name(), e);
            }
            long t1 = System.nanoTime();
            read += t1 - t;
            MessageIngest.Prepared p = ingest.prepare(bytes, MessageIngest.Origin.file(s.name()), parseStrip);
            long t2 = System.nanoTime();
            files.add(p);
            write += System.nanoTime() - t2;
            out.add(p);
        }
        nanos.addAndGet(Stage.STORE.ordinal(), write);
        nanos.addAndGet(Stage.READ.ordinal(), read);
        nanos.addAndGet(Stage.PARSE.ordinal(), parseStrip[0]);
        nanos.addAndGet(Stage.STRIP.ordinal(), parseStrip[1]);
        return new Prepared(out, files);
    }

    /**
     * A message too large to read whole: streamed into the raw store (forced to disk on its own), its record made
     * from its header section with its size, as IMAP sync does for such messages.
     */
    private MessageIngest.Prepared large(Source s) {
        try {
            RawMessageStore.Streamed streamed;
            try (InputStream in = s.open()) {
                streamed = raw.putStreamed(in::transferTo);
            }
            byte[] header;
            try (InputStream in = s.open()) {
                header = MailFiles.headerSection(in, MAX_HEADER_BYTES);
            }
            return ingest.prepareOversized(streamed.sha256(), streamed.size(), header,
                    MessageIngest.Origin.file(s.name()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + s.name(), e);
        }
    }

    private record Stored(MessageIngest.BatchResult result, List<IndexFeed.Item> entries) {
    }

    private Stored store(List<MessageIngest.Prepared> batch, BulkThreading.ImportRun run, AtomicLongArray nanos) {
        List<IndexFeed.Item> entries = new ArrayList<>();
        java.time.Instant importedAt = java.time.Instant.now(clock);
        MessageIngest.BatchResult result = tx.execute(status -> {
            long t0 = System.nanoTime();
            MessageIngest.BatchResult r = ingest.storeBatch(batch);
            long t1 = System.nanoTime();
            StoredBatch stored = StoredBatch.of(r.stored(), ownAddresses);
            Map<Long, Long> conversations = run.thread(stored.toThread());
            long t2 = System.nanoTime();
            Map<Long, Long> customerOf = attribution.attribute(stored.toAttribute());
            long t3 = System.nanoTime();
            entries.addAll(stored.entries(conversations, customerOf, importedAt,
                    messages.storedMessageIds(stored.parentsToLookUp())));
            nanos.addAndGet(Stage.STORE.ordinal(), t1 - t0);
            nanos.addAndGet(Stage.THREAD.ordinal(), t2 - t1);
            nanos.addAndGet(Stage.CUSTOMERS.ordinal(), t3 - t2);
            return r;
        });
        return new Stored(result, entries);
    }

    private static void progress(PrintStream out, int done, int total, long started) {
        if (out == null) {
            return;
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        int rate = (int) (done / Math.max(seconds, 1e-3));
        if (total > 0) {
            int width = 30;
            int filled = (int) ((long) width * done / total);
            out.printf("\r[%s%s] %3d%%  %,d/%,d messages  %,d msg/s", "#".repeat(filled), " ".repeat(width - filled),
                    100L * done / total, done, total, rate);
        } else {
            out.printf("\r%,d messages  %,d msg/s", done, rate);
        }
        out.flush();
    }
}
