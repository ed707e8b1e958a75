package app.rapport.customers;

import java.util.List;
import java.util.function.IntConsumer;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import app.rapport.mailbox.Messages;
import app.rapport.mailbox.StoredMessage;

/**
 * Reads facts again from every message customers wrote: for mail stored before facts were read, or after the
 * rules improved. Facts already remembered, and facts the owner rejected, are not suggested twice.
 */
@Service
public class FactLearning {

    private final JdbcClient jdbc;
    private final Messages messages;
    private final Customers customers;
    private final CustomerAttribution attribution;

    FactLearning(JdbcClient jdbc, Messages messages, Customers customers, CustomerAttribution attribution) {
        this.jdbc = jdbc;
        this.messages = messages;
        this.customers = customers;
        this.attribution = attribution;
    }

    /** Customer messages stored in bulk whose facts the server has still to read in the background. */
    public long waiting() {
        return jdbc.sql("select count(*) from facts_pending").query(Long.class).single();
    }

    /**
     * Reads every inbound customer message again, including those still waiting for the server to read them in
     * the background; returns how many facts are remembered now.
     */
    public long relearn(IntConsumer progress) {
        List<long[]> pairs = jdbc.sql("select cm.message, cm.customer from customer_messages cm"
                        + " join messages m on m.id = cm.message where m.direction = 'INBOUND' order by cm.message")
                .query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2)}).list();
        int done = 0;
        for (long[] pair : pairs) {
            StoredMessage m = messages.expect(pair[0]);
            attribution.learn(m, customers.expect(pair[1]));
            progress.accept(++done);
        }
        jdbc.sql("delete from facts_pending").update();
        return jdbc.sql("select count(*) from customer_facts").query(Long.class).single();
    }
}
