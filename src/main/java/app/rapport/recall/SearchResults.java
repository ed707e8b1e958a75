package app.rapport.recall;

import java.util.List;

/** The hits of one search, best first, at most one per conversation, and how many messages matched in all. */
public record SearchResults(String query, List<SearchHit> hits, long totalMessages, String error) {

    static SearchResults invalid(String query, String error) {
        return new SearchResults(query, List.of(), 0, error);
    }
}
