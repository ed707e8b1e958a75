package app.rapport.recall;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import app.rapport.customers.BulkAttribution;
import app.rapport.mailbox.HistoryIngest;
import app.rapport.mailbox.MailAccounts;
import app.rapport.mailbox.MessageIngest;
import app.rapport.mailbox.Messages;
import app.rapport.threading.BulkThreading;
import app.rapport.threading.Conversations;

/**
 * A folder's history read by a sync goes the way of an import: stored with batched statements, threaded in memory
 * with the live rules, attributed in bulk, and added to the index without a commit per message. Like imported
 * mail it gets no drafts. The in-memory threading state is only trusted while every batch it saw was committed.
 */
@Service
class HistoryImport implements HistoryIngest {

    private static final Logger log = LoggerFactory.getLogger(HistoryImport.class);
    private static final Duration THREADED_FIRST_WAIT = Duration.ofSeconds(30);

    private final MessageIngest ingest;
    private final BulkThreading threading;
    private final BulkAttribution attribution;
    private final MessageIndex index;
    private final MessageIndexer indexer;
    private final Conversations conversations;
    private final Clock clock;
    private final MailAccounts accounts;
    private final Messages messages;

    HistoryImport(MessageIngest ingest, BulkThreading threading, BulkAttribution attribution, MessageIndex index,
                  MessageIndexer indexer, Conversations conversations, Clock clock, MailAccounts accounts,
                  Messages messages) {
        this.ingest = ingest;
        this.threading = threading;
        this.attribution = attribution;
        this.index = index;
        this.indexer = indexer;
        this.conversations = conversations;
        this.clock = clock;
        this.accounts = accounts;
        this.messages = messages;
    }

    @Override
    public Run open(Collection<Long> threadedFirst, int remaining) {
        awaitThreaded(threadedFirst);
        HistoryRun run = new HistoryRun();
        run.indexing.expect(remaining);
        return run;
    }

    private void awaitThreaded(Collection<Long> ids) {
        long deadline = System.nanoTime() + THREADED_FIRST_WAIT.toNanos();
        List<Long> waiting = new ArrayList<>(ids);
        while (!waiting.isEmpty()) {
            waiting.removeIf(id -> conversations.conversationOf(id).isPresent());
            if (waiting.isEmpty()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                log.warn("{} newly arrived message(s) are not threaded yet; history is read without them", waiting.size());
                return;
            }
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
        }
    }

    /**
     * One folder's history. Each batch is stored, threaded and attributed on the caller's thread, in its
     * transaction; once committed, it is indexed on a thread of the run's own, so Lucene works while the next batch
     * is fetched and stored.
     */
    private final class HistoryRun implements Run {
        private BulkThreading.ImportRun run;
        private final Set<Long> mergedInto = new java.util.HashSet<>();
        private final IndexFeed indexing = index.feed("history-index", nanos -> { });

        @Override
        public int store(List<MessageIngest.Prepared> batch) {
            if (run == null) {
                run = threading.open();
            }
            BulkThreading.ImportRun current = run;
            List<IndexFeed.Item> entries = new ArrayList<>(batch.size());
            // Registered before any write, so a batch that fails half-way still drops the threading state.
            afterCompletion(current, entries);
            Instant storedAt = Instant.now(clock);
            MessageIngest.BatchResult result = ingest.storeBatch(batch);
            StoredBatch stored = StoredBatch.of(result.stored(), accounts.addresses());
            Map<Long, Long> conversationOf = current.thread(stored.toThread());
            Map<Long, Long> customerOf = attribution.attribute(stored.toAttribute());
            entries.addAll(stored.entries(conversationOf, customerOf, storedAt,
                    messages.storedMessageIds(stored.parentsToLookUp())));
            return result.stored().size();
        }

        /** Indexes the batch once it is committed; forgets the threading state when the batch was rolled back. */
        private void afterCompletion(BulkThreading.ImportRun current, List<IndexFeed.Item> entries) {
            if (!TransactionSynchronizationManager.isSynchronizationActive()) {
                throw new IllegalStateException("history is stored inside the caller's transaction");
            }
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    if (status == STATUS_COMMITTED) {
                        index(entries);
                    } else if (run == current) {
                        // Conversations it created may not exist now: the next batch starts from the database.
                        current.close();
                        run = null;
                    }
                }
            });
        }

        private void index(List<IndexFeed.Item> entries) {
            indexing.addBatch(entries);
        }

        @Override
        public void close() {
            indexQuietly(indexing::awaitIndexed);
            if (run != null) {
                mergedInto.addAll(run.mergedInto());
                run.close();
            }
            try {
                if (!mergedInto.isEmpty()) {
                    // Conversations that took in older ones: their earlier messages are indexed under the new id,
                    // made durable with the rest of the history by the feed's one commit.
                    indexer.rewriteConversations(mergedInto.stream()
                            .filter(c -> c > 0).collect(Collectors.toSet()));
                }
            } finally {
                indexQuietly(indexing::close);
            }
        }

        /** The messages are stored whatever the index does; the start-up check indexes what it is missing. */
        private static void indexQuietly(Runnable step) {
            try {
                step.run();
            } catch (RuntimeException e) {
                log.warn("Indexing read history failed: {}", e.toString());
            }
        }
    }
}
