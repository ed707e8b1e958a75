package app.rapport.customers;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The shop's customers, one per address. */
@Repository
public class Customers {

    private static final String COLUMNS = "id, address, display_name, first_name, created_at";

    private final JdbcClient jdbc;

    Customers(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Customer> find(long id) {
        return jdbc.sql("select " + COLUMNS + " from customers where id = ?").param(id).query(Customers::row).optional();
    }

    public Customer expect(long id) {
        return find(id).orElseThrow(() -> new IllegalArgumentException("no customer with id " + id));
    }

    public Optional<Customer> findByAddress(String address) {
        return jdbc.sql("select " + COLUMNS + " from customers where address = ?").param(address)
                .query(Customers::row).optional();
    }

    /** The customer a message was attributed to. */
    public Optional<Customer> ofMessage(long messageId) {
        return jdbc.sql("select c.id, c.address, c.display_name, c.first_name, c.created_at from customers c"
                        + " join customer_messages cm on cm.customer = c.id where cm.message = ?")
                .param(messageId).query(Customers::row).optional();
    }

    /** The customer of a conversation: the one its messages were attributed to most recently. */
    public Optional<Customer> ofMessages(List<Long> messageIds) {
        if (messageIds.isEmpty()) {
            return Optional.empty();
        }
        return jdbc.sql("select c.id, c.address, c.display_name, c.first_name, c.created_at from customers c"
                        + " join customer_messages cm on cm.customer = c.id where cm.message in (:ids)"
                        + " order by cm.message desc fetch first 1 rows only")
                .param("ids", messageIds).query(Customers::row).optional();
    }

    /** Ids of customers whose address or name contains the text (case-insensitive), for search. */
    public List<Long> idsMatching(String text, int limit) {
        String like = "%" + text.toLowerCase(java.util.Locale.ROOT).replace("%", "").replace("_", "") + "%";
        return jdbc.sql("select id from customers where lower(address) like :q or lower(coalesce(display_name, '')) like :q "
                        + "order by id limit :limit")
                .param("q", like).param("limit", limit).query(Long.class).list();
    }

    public long count() {
        return jdbc.sql("select count(*) from customers").query(Long.class).single();
    }

    Customer insert(String address, String displayName, Instant now) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        String firstName = FirstNames.of(displayName);
        jdbc.sql("insert into customers (address, display_name, first_name, created_at) values (?, ?, ?, ?)")
                .params(address, displayName, firstName, Timestamp.from(now)).update(key, "id");
        return new Customer(key.getKey().longValue(), address, displayName, firstName, now);
    }

    /** Fills in a name learnt later (a customer first seen as a bare address). */
    void learnName(Customer c, String displayName) {
        if ((c.displayName() == null || c.displayName().isBlank()) && displayName != null && !displayName.isBlank()) {
            jdbc.sql("update customers set display_name = ?, first_name = coalesce(first_name, ?) where id = ?")
                    .params(displayName, FirstNames.of(displayName), c.id()).update();
        }
    }

    void link(long messageId, long customerId) {
        jdbc.sql("insert into customer_messages (message, customer) values (?, ?)").params(messageId, customerId).update();
    }

    boolean linked(long messageId) {
        return jdbc.sql("select count(*) from customer_messages where message = ?").param(messageId)
                .query(Long.class).single() > 0;
    }

    private static Customer row(ResultSet rs, int n) throws SQLException {
        return new Customer(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getTimestamp(5).toInstant());
    }
}
