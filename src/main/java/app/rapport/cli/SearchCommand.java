package app.rapport.cli;

import java.io.PrintStream;
import java.util.List;

import org.springframework.stereotype.Component;

import app.rapport.recall.Search;
import app.rapport.recall.SearchResults;

/** {@code search QUERY}: the matching conversations with highlighted snippets. */
@Component
class SearchCommand implements Command {

    private final Search search;

    SearchCommand(Search search) {
        this.search = search;
    }

    @Override
    public String name() {
        return "search";
    }

    @Override
    public String summary() {
        return "print the conversations matching a query";
    }

    @Override
    public String usage() {
        return """
                Usage: search QUERY

                Prints the best message of each matching conversation, with the matches marked *like this*.
                QUERY: %s

                Example: search 'from:anna "lake constance"'""".formatted(Search.HELP);
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        if (args.isEmpty()) {
            err.println("search needs a query.\n\n" + usage());
            return 2;
        }
        SearchResults results = search.find(String.join(" ", args), 20);
        if (results.error() != null) {
            err.println(results.error());
            return 2;
        }
        out.printf("%d message(s) match; the best of each conversation:%n", results.totalMessages());
        for (var hit : results.hits()) {
            out.printf("%n[conversation %d] %s — %s, %s%n  %s%n", hit.conversationId(), hit.subject(), hit.from(),
                    hit.date(), plain(hit.snippet()));
        }
        return 0;
    }

    private static String plain(String snippet) {
        return snippet.replace("<mark>", "*").replace("</mark>", "*").replace("&lt;", "<").replace("&gt;", ">")
                .replace("&quot;", "\"").replace("&#39;", "'").replace("&#x27;", "'").replace("&#x2F;", "/").replace("&amp;", "&");
    }
}
