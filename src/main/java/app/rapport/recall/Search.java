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

    Search(MessageIndex index) {
        this.index = index;
    }

    public SearchResults find(String text, int limit) {
        if (text == null || text.isBlank()) {
            return new SearchResults("", java.util.List.of(), 0, null);
        }
        Query query;
        try {
            MultiFieldQueryParser parser = new MultiFieldQueryParser(
                    new String[] {MessageIndex.SUBJECT, MessageIndex.BODY, MessageIndex.FROM}, index.analyzer(),
                    Map.of(MessageIndex.SUBJECT, 2f, MessageIndex.BODY, 1f, MessageIndex.FROM, 1.5f));
            parser.setDefaultOperator(QueryParser.Operator.AND);
            query = parser.parse(text.strip());
        } catch (ParseException | RuntimeException e) {
            return SearchResults.invalid(text, "That search could not be read. Try plain words, or " + HELP + ".");
        }
        return index.search(text, query, limit);
    }
}
