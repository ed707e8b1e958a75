package app.rapport.customers;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import app.rapport.mailbox.Messages;

/**
 * Reads the facts of customer mail stored in bulk (an import, a first sync of old mail), a chunk at a time while
 * the server runs. Storing a long history stays as fast as storing allows, and the customers' memory fills in
 * shortly after; what is still to be read is kept in the database, so a restart loses nothing.
 */
@Component
class FactBackfill {

    private static final Logger log = LoggerFactory.getLogger(FactBackfill.class);
    private static final int CHUNK = 200;

    private final JdbcClient jdbc;
    private final Messages messages;
    private final Customers customers;
    private final CustomerAttribution attribution;
    private final TransactionTemplate tx;
    private final boolean enabled;

    FactBackfill(JdbcClient jdbc, Messages messages, Customers customers, CustomerAttribution attribution,
                 TransactionTemplate tx, @Value("${rapport.scheduling.enabled:true}") boolean enabled) {
        this.jdbc = jdbc;
        this.messages = messages;
        this.customers = customers;
        this.attribution = attribution;
        this.tx = tx;
        this.enabled = enabled;
    }

    @Scheduled(fixedDelayString = "PT2S", initialDelayString = "PT2S")
    void scheduled() {
        if (!enabled) {
            return; // commands run and exit: the server reads what they stored
        }
        int read;
        do {
            read = readChunk();
        } while (read == CHUNK);
    }

    /** Reads the facts of up to one chunk of waiting messages; returns how many messages were read. */
    int readChunk() {
        Integer done = tx.execute(status -> {
            List<long[]> waiting = jdbc.sql("select p.message, cm.customer from facts_pending p"
                            + " join customer_messages cm on cm.message = p.message order by p.message limit " + CHUNK)
                    .query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2)}).list();
            for (long[] w : waiting) {
                attribution.learn(messages.expect(w[0]), customers.expect(w[1]));
            }
            if (!waiting.isEmpty()) {
                // The chunk is read in message order: everything up to its last message is done.
                jdbc.sql("delete from facts_pending where message <= ?").param(waiting.getLast()[0]).update();
            }
            if (waiting.size() < CHUNK) {
                // A message whose customer link went away (a merge undone, say) has nothing to be read for.
                jdbc.sql("delete from facts_pending where message not in (select message from customer_messages)")
                        .update();
            }
            return waiting.size();
        });
        int n = done == null ? 0 : done;
        if (n > 0) {
            log.info("Read the facts of {} earlier customer message(s)", n);
        }
        return n;
    }
}
