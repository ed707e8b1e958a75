package app.rapport.recall;

import app.rapport.mailbox.Messages;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.lucene.document.LongPoint;
import org.apache.lucene.queryparser.classic.MultiFieldQueryParser;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.springframework.stereotype.Service;


/**
 * Searches the shop's mail. Plain words search subject, text and sender; {@code from:}, {@code to:},
 * {@code subject:} narrow to one field; {@code customer:} names a customer (name or address);
 * {@code before:} / {@code after:} take dates (YYYY-MM-DD); "quotes" match a phrase; AND, OR and NOT combine.
 */
@Service
public class Search {

    /** A short line of help for the search box. */
    public static final String HELP = "words, \"a phrase\", from:anna, to:, subject:boots, customer:anna, "
            + "after:2026-01-01, before:2026-12-31, AND / OR / NOT";

    /** How hits are ordered: the best match first, or the newest message first. */
    public enum Order { RELEVANCE, NEWEST }

    private static final Pattern DATE = Pattern.compile("(?i)(?<=^|\\s)(before|after):(\\S+)");

    private final MessageIndex index;
    private final CustomerTerms customerTerms;
    private final Messages messages;

    Search(MessageIndex index, CustomerTerms customerTerms, Messages messages) {
        this.index = index;
        this.customerTerms = customerTerms;
        this.messages = messages;
    }

    /** Searches only the mail of one person (every address merged into them). */
    public SearchResults findForCustomer(long personId, String text, int limit) {
        return find("customer:" + personId + " " + (text == null ? "" : text), limit);
    }

    public SearchResults find(String text, int limit) {
        return find(text, limit, Order.RELEVANCE);
    }

    /** Runs the query; at most one hit (the best or newest message) per conversation. */
    public SearchResults find(String text, int limit, Order order) {
        if (text == null || text.isBlank()) {
            return new SearchResults("", List.of(), 0, null);
        }
        CustomerTerms.Split customers = customerTerms.split(text);
        if (customers.unknown() != null) {
            return SearchResults.invalid(text, "No customer is known as \"" + customers.unknown() + "\".");
        }
        Query query;
        try {
            query = customers.narrow(customers.rest().isBlank() ? null : parse(customers.rest().strip()));
        } catch (ParseException | RuntimeException e) {
            return SearchResults.invalid(text, "That search could not be read. Try plain words, or " + HELP + ".");
        }
        return index.search(text, query, limit, order == Order.NEWEST, messages::texts);
    }

    Query parse(String text) throws ParseException {
        BooleanQuery.Builder filters = new BooleanQuery.Builder();
        boolean filtered = false;
        Matcher dates = DATE.matcher(text);
        StringBuilder rest = new StringBuilder();
        while (dates.find()) {
            long day = LocalDate.parse(dates.group(2)).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
            Query range = dates.group(1).equalsIgnoreCase("before")
                    ? LongPoint.newRangeQuery(MessageIndex.DATE, Long.MIN_VALUE, day - 1)
                    : LongPoint.newRangeQuery(MessageIndex.DATE, day, Long.MAX_VALUE);
            filters.add(range, BooleanClause.Occur.FILTER);
            filtered = true;
            dates.appendReplacement(rest, "");
        }
        dates.appendTail(rest);
        String words = rest.toString().strip();
        Query main;
        if (words.isEmpty()) {
            main = new MatchAllDocsQuery();
        } else {
            MultiFieldQueryParser parser = new MultiFieldQueryParser(
                    new String[] {MessageIndex.SUBJECT, MessageIndex.BODY, MessageIndex.FROM}, index.analyzer(),
                    Map.of(MessageIndex.SUBJECT, 2f, MessageIndex.BODY, 1f, MessageIndex.FROM, 1.5f));
            parser.setDefaultOperator(QueryParser.Operator.AND);
            main = parser.parse(words);
        }
        if (!filtered) {
            return main;
        }
        return filters.add(main, BooleanClause.Occur.MUST).build();
    }
}
