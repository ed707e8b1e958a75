package app.rapport.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import app.rapport.recall.MessageIndexer;
import app.rapport.recall.Search;
import app.rapport.recall.SearchResults;

/**
 * Runs one command against the data directory and exits: {@code search QUERY} prints the matching
 * conversations, {@code reindex} rebuilds the search index from the stored messages.
 */
public final class CommandLine {

    private static final Set<String> COMMANDS = Set.of("search", "reindex", "help", "--help", "-h");

    private CommandLine() {
    }

    public static boolean isCommand(String[] args) {
        return args.length > 0 && COMMANDS.contains(args[0]);
    }

    public static int run(Class<?> application, String[] args) {
        PrintStream out = System.out;
        String command = args[0];
        if (command.equals("help") || command.startsWith("-") || Arrays.asList(args).contains("--help")) {
            out.println(usage());
            return 0;
        }
        if (command.equals("search") && args.length < 2) {
            System.err.println("search needs a query, e.g.: search 'from:anna boots'\n\n" + usage());
            return 2;
        }
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(application)
                .web(WebApplicationType.NONE)
                .properties(Map.of("rapport.scheduling.enabled", "false",
                        "rapport.demo.enabled", "false",
                        "spring.main.banner-mode", "off",
                        "logging.level.root", "WARN"))
                .run()) {
            return switch (command) {
                case "search" -> search(context.getBean(Search.class),
                        String.join(" ", Arrays.copyOfRange(args, 1, args.length)), out);
                case "reindex" -> reindex(context.getBean(MessageIndexer.class), out);
                default -> 2;
            };
        }
    }

    private static int search(Search search, String query, PrintStream out) {
        SearchResults results = search.find(query, 20);
        if (results.error() != null) {
            System.err.println(results.error());
            return 2;
        }
        out.printf("%d message(s) match; best per conversation:%n", results.totalMessages());
        for (var hit : results.hits()) {
            out.printf("%n[conversation %d] %s — %s, %s%n  %s%n", hit.conversationId(), hit.subject(), hit.from(),
                    hit.date(), hit.snippet().replace("<mark>", "*").replace("</mark>", "*")
                            .replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&amp;", "&"));
        }
        return 0;
    }

    private static int reindex(MessageIndexer indexer, PrintStream out) {
        long started = System.nanoTime();
        int n = indexer.rebuild(done -> {
            if (done % 1000 == 0) {
                out.printf("\rindexed %d messages", done);
            }
        });
        out.printf("\rindexed %d messages in %.1f s%n", n, (System.nanoTime() - started) / 1e9);
        return 0;
    }

    static String usage() {
        return """
                Usage: java -jar rapport.jar [COMMAND]

                With no command, Rapport serves the web inbox (demo mode unless a mailbox is configured).

                Commands:
                  search QUERY   print the conversations matching QUERY, e.g. search 'from:anna boots'
                                 (words, "a phrase", from:, to:, subject:, AND / OR / NOT)
                  reindex        rebuild the search index from the stored messages
                  help           this text

                The data directory is RAPPORT_DATA_DIR (default ./data).""";
    }
}
