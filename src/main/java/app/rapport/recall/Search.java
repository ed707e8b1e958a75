package app.rapport.recall;

import java.util.Map;

import org.apache.lucene.queryparser.classic.MultiFieldQueryParser;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.Query;
import org.springframework.stereotype.Service;

/**
 * Searches the shop's mail. Plain words search subject, text and sender; {@code from:}, {@code to:},
 * {@code subject:} narrow to one field; "quotes" match a phrase; AND, OR and NOT combine.
 */
@Service
public class Search {

    /** A short line of help for the search box. */
    public static final String HELP = "words, \"a phrase\", from:anna, to:, subject:boots, AND / OR / NOT";

    private final MessageIndex index;
    private final CustomerTerms customerTerms;

    Search(MessageIndex index, CustomerTerms customerTerms) {
        this.index = index;
        this.customerTerms = customerTerms;
    }

    /** Searches only the mail of one person (every address merged into them). */
    public SearchResults findForCustomer(long personId, String text, int limit) {
        return find("customer:" + personId + " " + (text == null ? "" : text), limit);
    }

    public SearchResults find(String text, int limit) {
        if (text == null || text.isBlank()) {
            return new SearchResults("", java.util.List.of(), 0, null);
        }
        CustomerTerms.Split customers = customerTerms.split(text);
        if (customers.unknown() != null) {
            return SearchResults.invalid(text, "No customer is known as \"" + customers.unknown() + "\".");
        }
        Query query;
        try {
            MultiFieldQueryParser parser = new MultiFieldQueryParser(
                    new String[] {MessageIndex.SUBJECT, MessageIndex.BODY, MessageIndex.FROM}, index.analyzer(),
                    Map.of(MessageIndex.SUBJECT, 2f, MessageIndex.BODY, 1f, MessageIndex.FROM, 1.5f));
            parser.setDefaultOperator(QueryParser.Operator.AND);
            query = customers.narrow(customers.rest().isBlank() ? null : parser.parse(customers.rest()));
        } catch (ParseException | RuntimeException e) {
            return SearchResults.invalid(text, "That search could not be read. Try plain words, or " + HELP + ".");
        }
        return index.search(text, query, limit);
    }
}
