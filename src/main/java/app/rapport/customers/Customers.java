package app.rapport.customers;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

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

    /** The person an address belongs to: the customer it was merged into, else itself. */
    public Customer personOf(long id) {
        long person = jdbc.sql("select coalesce(merged_into, id) from customers where id = ?").param(id)
                .query(Long.class).optional()
                .orElseThrow(() -> new IllegalArgumentException("no customer with id " + id));
        return expect(person);
    }

    /** The ids of every address of a person: the customer itself and those merged into it. */
    public List<Long> addressesOf(long personId) {
        return jdbc.sql("select id from customers where id = ? or merged_into = ? order by id").params(personId, personId)
                .query(Long.class).list();
    }

    /** The ids of every message of a person, over all their addresses, the newest first. */
    public List<Long> messageIds(long personId) {
        return jdbc.sql("select cm.message from customer_messages cm join customers c on c.id = cm.customer"
                        + " where c.id = ? or c.merged_into = ? order by cm.message desc")
                .params(personId, personId).query(Long.class).list();
    }

    /** The customers merged into this one. */
    public List<Customer> mergedInto(long personId) {
        return jdbc.sql("select " + COLUMNS + " from customers where merged_into = ? order by id").param(personId)
                .query(Customers::row).list();
    }

    /**
     * People (not merged away), matching words in their name or address when {@code query} is given, the most
     * recently heard from first.
     */
    public List<CustomerSummary> people(String query, int offset, int limit) {
        String like = query == null || query.isBlank() ? null : "%" + query.strip().toLowerCase(Locale.ROOT) + "%";
        return jdbc.sql("""
                        select c.id, c.address, c.display_name, c.first_name, c.created_at,
                               (select count(*) from customer_messages cm join customers a on a.id = cm.customer
                                 where a.id = c.id or a.merged_into = c.id) as messages,
                               (select max(coalesce(m.sent_at, m.stored_at)) from customer_messages cm
                                 join customers a on a.id = cm.customer join messages m on m.id = cm.message
                                 where a.id = c.id or a.merged_into = c.id) as last_at
                        from customers c
                        where c.merged_into is null
                          and (cast(:q as varchar) is null or lower(c.address) like :q or lower(c.display_name) like :q
                               or exists (select 1 from customers a where a.merged_into = c.id and lower(a.address) like :q))
                        order by last_at desc nulls last, c.id desc
                        offset :offset rows fetch next :limit rows only""")
                .param("q", like).param("offset", offset).param("limit", limit)
                .query((rs, n) -> {
                    Timestamp last = rs.getTimestamp("last_at");
                    return new CustomerSummary(row(rs, n), rs.getLong("messages"), last == null ? null : last.toInstant());
                }).list();
    }

    /**
     * Other people who look like this one writing from another address. The same name (whatever the case,
     * accents, umlaut spelling or order: "Müller, Anna" and "Anna Mueller") is enough; a name that only fits
     * ("Anna M.", or only the first name) needs shared history too: a conversation both wrote in, the same
     * telephone number in their own mail, the same name before the @ of their addresses, or a fact both said.
     * The reason says which.
     */
    public List<MergeSuggestion> mergeSuggestions(long personId) {
        Customer c = expect(personId);
        PersonNames.Name name = nameOf(c);
        if (name.isEmpty()) {
            return List.of();
        }
        List<MergeSuggestion> out = new ArrayList<>();
        Set<String> phones = null;
        // A shop has a few thousand customers at most: comparing their names here is cheaper than keeping a
        // folded copy of every name in the database, and needs no migration.
        for (Customer other : jdbc.sql("select " + COLUMNS + " from customers where id <> ? and merged_into is null"
                        + " and (display_name is not null or first_name is not null) order by id")
                .param(personId).query(Customers::row).list()) {
            PersonNames.Likeness likeness = PersonNames.compare(name, nameOf(other));
            if (likeness == PersonNames.Likeness.NONE) {
                continue;
            }
            if (phones == null) {
                phones = phonesOf(personId);
            }
            List<String> history = sharedHistory(c, other, phones);
            if (likeness == PersonNames.Likeness.SAME || !history.isEmpty()) {
                String said = likeness == PersonNames.Likeness.SAME ? "same name" : "similar name";
                out.add(new MergeSuggestion(c, other, String.join(", ", concat(said, history))));
            }
        }
        return out;
    }

    private static PersonNames.Name nameOf(Customer c) {
        PersonNames.Name name = PersonNames.parse(c.displayName());
        return name.isEmpty() ? PersonNames.firstNameOnly(c.firstName()) : name;
    }

    private static List<String> concat(String first, List<String> rest) {
        List<String> all = new ArrayList<>(rest.size() + 1);
        all.add(first);
        all.addAll(rest);
        return all;
    }

    /** The telephone numbers a person gave in their own recent mail, over all their addresses. */
    private Set<String> phonesOf(long personId) {
        Set<String> phones = new HashSet<>();
        jdbc.sql("""
                        select m.body_text from messages m join customer_messages cm on cm.message = m.id
                          join customers c on c.id = cm.customer
                        where (c.id = ? or c.merged_into = ?) and m.direction = 'INBOUND'
                        order by m.id desc fetch first 50 rows only""")
                .params(personId, personId).query(String.class).list()
                .forEach(text -> phones.addAll(Phones.in(text)));
        return phones;
    }

    private List<String> sharedHistory(Customer a, Customer b, Set<String> phonesOfA) {
        List<String> shared = new ArrayList<>();
        long conversations = jdbc.sql("""
                        select count(distinct x.conversation) from conversation_messages x
                          join customer_messages cx on cx.message = x.message
                          join conversation_messages y on y.conversation = x.conversation
                          join customer_messages cy on cy.message = y.message
                        where cx.customer in (select id from customers where id = :a or merged_into = :a)
                          and cy.customer in (select id from customers where id = :b or merged_into = :b)""")
                .param("a", a.id()).param("b", b.id()).query(Long.class).single();
        if (conversations > 0) {
            shared.add("wrote in the same conversation");
        }
        if (!phonesOfA.isEmpty()) {
            Set<String> phonesOfB = phonesOf(b.id());
            phonesOfB.retainAll(phonesOfA);
            if (!phonesOfB.isEmpty()) {
                shared.add("same phone number");
            }
        }
        String local = localPart(a.address());
        if (local != null && local.equals(localPart(b.address()))) {
            shared.add("same name before the @");
        }
        long facts = jdbc.sql("""
                        select count(*) from customer_facts fa join customer_facts fb
                          on fa.kind = fb.kind and lower(fa.fact_value) = lower(fb.fact_value)
                        where fa.customer in (select id from customers where id = :a or merged_into = :a)
                          and fb.customer in (select id from customers where id = :b or merged_into = :b)
                          and fa.state <> 'REJECTED' and fb.state <> 'REJECTED'""")
                .param("a", a.id()).param("b", b.id()).query(Long.class).single();
        if (facts > 0) {
            shared.add("said the same " + (facts == 1 ? "fact" : facts + " facts"));
        }
        return shared;
    }

    /** The part before the @, when it names a person rather than a role ("info@", "mail@" say nothing). */
    private static String localPart(String address) {
        int at = address == null ? -1 : address.indexOf('@');
        if (at < 4) {
            return null;
        }
        String local = address.substring(0, at).toLowerCase(Locale.ROOT);
        return SHARED_MAILBOXES.contains(local) ? null : local;
    }

    private static final Set<String> SHARED_MAILBOXES = Set.of("info", "mail", "email", "contact", "hello", "office",
            "admin", "sales", "support", "service", "kontakt", "post", "team", "shop", "orders", "billing", "home",
            "family", "familie", "privat", "private", "webmaster");

    /** Makes {@code otherId}'s address (and any merged into it) one more address of {@code personId}. */
    @org.springframework.transaction.annotation.Transactional
    public void merge(long personId, long otherId) {
        Customer person = personOf(personId);
        Customer other = expect(otherId);
        if (person.id() == other.id() || personOf(otherId).id() == person.id()) {
            return;
        }
        jdbc.sql("update customers set merged_into = ? where id = ? or merged_into = ?")
                .params(person.id(), other.id(), other.id()).update();
    }

    /** Undoes a merge: this address is its own customer again. */
    public void separate(long id) {
        jdbc.sql("update customers set merged_into = null where id = ?").param(id).update();
    }

    /** The owner's own spelling of a customer's name and the name to greet them with; never overwritten. */
    public void rename(long id, String displayName, String firstName) {
        expect(id);
        jdbc.sql("update customers set display_name = ?, first_name = ?, name_by_owner = true where id = ?")
                .params(blankToNull(displayName), blankToNull(firstName), id).update();
    }

    /** The name they sign with, when the owner has not chosen one. */
    void learnSignedName(long id, String firstName) {
        if (firstName != null) {
            jdbc.sql("update customers set first_name = ? where id = ? and name_by_owner = false").params(firstName, id)
                    .update();
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /**
     * The people (not merged away) with a message, from them or to them and not automatic, sent in
     * {@code [since, until]}: the recent customers a seasonal note may go to.
     */
    public List<Long> peopleInTouchBetween(Instant since, Instant until) {
        return jdbc.sql("select distinct coalesce(c.merged_into, c.id) from customers c"
                        + " join customer_messages cm on cm.customer = c.id join messages m on m.id = cm.message"
                        + " where m.automated is null and m.sent_at >= ? and m.sent_at <= ?")
                .params(Timestamp.from(since), Timestamp.from(until)).query(Long.class).list();
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
            jdbc.sql("update customers set display_name = ?, first_name = coalesce(first_name, ?) where id = ?"
                            + " and name_by_owner = false")
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
