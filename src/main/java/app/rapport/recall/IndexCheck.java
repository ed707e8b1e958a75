package app.rapport.recall;

import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * At every start, makes the search index agree with the database before anyone searches: a crash between the
 * database commit and the index commit, a deleted or damaged index, or a restored backup all end here with every
 * stored message searchable again.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class IndexCheck implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(IndexCheck.class);

    private final MessageIndexer indexer;
    private final AtomicReference<MessageIndexer.Repair> last = new AtomicReference<>();

    IndexCheck(MessageIndexer indexer) {
        this.indexer = indexer;
    }

    @Override
    public void run(ApplicationArguments args) {
        long started = System.nanoTime();
        int[] step = {0};
        MessageIndexer.Repair repair = indexer.repair((done, total) -> {
            int tenth = total == 0 ? 10 : done * 10 / total;
            if (tenth > step[0]) {
                step[0] = tenth;
                log.info("Repairing the search index: {} of {} messages", done, total);
            }
        });
        last.set(repair);
        if (repair.neededWork()) {
            log.warn("The search index did not match the database ({} stored messages, {} in the index{}):"
                            + " indexed {} missing, removed {} unknown, in {} ms",
                    repair.stored(), repair.indexedBefore(), repair.wasDamaged() ? ", damaged" : "",
                    repair.reindexed(), repair.extra(), (System.nanoTime() - started) / 1_000_000);
        } else {
            log.info("Search index agrees with the database: {} messages", repair.stored());
        }
    }

    /** The outcome of the start-up check, empty until it has run. */
    public java.util.Optional<MessageIndexer.Repair> lastRepair() {
        return java.util.Optional.ofNullable(last.get());
    }
}
