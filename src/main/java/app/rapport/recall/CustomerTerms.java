package app.rapport.recall;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;

import app.rapport.customers.Customer;
import app.rapport.customers.Customers;

/**
 * The {@code customer:} term of the search syntax: {@code customer:42}, {@code customer:anna@posteo.example} or
 * {@code customer:"Anna Keller"} narrows a search to that person's mail, over every address merged into them.
 * Kept apart from the query parser so the rest of the syntax can grow on its own.
 */
@Component
class CustomerTerms {

    private static final Pattern TERM = Pattern.compile("(?i)(?<![\\w:])customer:(?:\"([^\"]+)\"|(\\S+))");

    /** The query without its customer terms; the customer ids they name (null: none given); a name not known. */
    record Split(String rest, Set<Long> customers, String unknown) {

        /** The query limited to the named customers' mail; all their mail when there is no other query. */
        org.apache.lucene.search.Query narrow(org.apache.lucene.search.Query query) {
            org.apache.lucene.search.Query ofCustomers = MessageIndex.customerQuery(customers);
            if (ofCustomers == null) {
                return query;
            }
            if (query == null) {
                return ofCustomers;
            }
            return new org.apache.lucene.search.BooleanQuery.Builder()
                    .add(query, org.apache.lucene.search.BooleanClause.Occur.MUST)
                    .add(ofCustomers, org.apache.lucene.search.BooleanClause.Occur.FILTER).build();
        }
    }

    private final Customers customers;

    CustomerTerms(Customers customers) {
        this.customers = customers;
    }

    Split split(String text) {
        Matcher m = TERM.matcher(text);
        Set<Long> ids = null;
        StringBuilder rest = new StringBuilder();
        while (m.find()) {
            String who = m.group(1) != null ? m.group(1) : m.group(2);
            Optional<Customer> person = person(who);
            if (person.isEmpty()) {
                return new Split(text, null, who);
            }
            if (ids == null) {
                ids = new LinkedHashSet<>();
            }
            ids.addAll(customers.addressesOf(person.get().id()));
            m.appendReplacement(rest, " ");
        }
        m.appendTail(rest);
        return new Split(rest.toString().strip(), ids, null);
    }

    private Optional<Customer> person(String who) {
        if (who.matches("\\d{1,18}")) {
            return customers.find(Long.parseLong(who)).map(c -> customers.personOf(c.id()));
        }
        if (who.contains("@")) {
            return customers.findByAddress(who.toLowerCase(java.util.Locale.ROOT)).or(() -> customers.findByAddress(who))
                    .map(c -> customers.personOf(c.id()));
        }
        List<Customer> named = new ArrayList<>();
        customers.people(who, 0, 2).forEach(s -> named.add(s.customer()));
        return named.size() == 1 ? Optional.of(named.getFirst()) : Optional.empty();
    }
}
