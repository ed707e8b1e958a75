package app.rapport.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Component;

import app.rapport.mailbox.MailFiles;
import app.rapport.recall.Search;
import app.rapport.recall.SearchResults;

/**
 * {@code bench ingest --maildir DIR} and {@code bench search}: the figures the README quotes beside notmuch's and
 * mu's. Ingest runs on a throwaway data directory (see {@link CommandLine}), so it always measures a first import.
 */
@Component
class BenchCommand implements Command {

    /** The fixed search mix: plain terms, AND, a phrase and from:, over words any mailing list archive has. */
    static final List<String> SEARCH_MIX = List.of(
            "error", "thanks", "firmware", "driver", "update",
            "error AND driver", "build AND failed", "thanks AND help", "kernel AND patch",
            "\"does not work\"", "\"thank you\"", "\"out of memory\"",
            "from:gmail", "from:marcus", "from:david", "subject:question");

    private final BulkImport bulk;
    private final Search search;
    private final app.rapport.threading.Conversations conversations;

    BenchCommand(BulkImport bulk, Search search, app.rapport.threading.Conversations conversations) {
        this.bulk = bulk;
        this.search = search;
        this.conversations = conversations;
    }

    @Override
    public String name() {
        return "bench";
    }

    @Override
    public String summary() {
        return "measure ingest (msg/s per stage) or search (p50/p99 latency)";
    }

    @Override
    public String usage() {
        return """
                Usage: bench ingest --maildir DIR
                       bench search [--rounds N] [--warm-up N]

                ingest  imports DIR into a throwaway data directory and prints msg/s for each stage (read, parse,
                        strip, store, thread, customers, index) and end to end. Parallel stages add up the time of
                        every thread, so their msg/s is what one core does.
                search  runs a fixed mix of term, AND, phrase and from: queries against the data directory
                        (RAPPORT_DATA_DIR; import something first) and prints p50 and p99 latency over --rounds
                        rounds (default 50), measured after --warm-up rounds (default 20) in which the JIT compiles
                        the search path, as it has in a server that has been running for a while.""";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        if (args.size() == 3 && args.get(0).equals("ingest") && args.get(1).equals("--maildir")) {
            return ingest(Path.of(args.get(2)), out, err);
        }
        if (!args.isEmpty() && args.get(0).equals("search")) {
            int rounds = 50;
            int warmUp = 20;
            for (int i = 1; i < args.size(); i += 2) {
                String option = args.get(i);
                Integer value = i + 1 < args.size() && args.get(i + 1).matches("\\d{1,6}")
                        ? Integer.valueOf(args.get(i + 1)) : null;
                if (value == null || !option.equals("--rounds") && !option.equals("--warm-up")) {
                    err.println("bench search takes --rounds N and --warm-up N (whole numbers)\n\n" + usage());
                    return 2;
                }
                if (option.equals("--rounds")) {
                    rounds = Math.max(1, value);
                } else {
                    warmUp = value;
                }
            }
            return search(rounds, warmUp, out);
        }
        err.println(usage());
        return 2;
    }

    private int ingest(Path dir, PrintStream out, PrintStream err) {
        if (!Files.isDirectory(dir)) {
            err.println("No such directory: " + dir);
            return 2;
        }
        List<Path> files = MailFiles.maildir(dir);
        BulkImport.Summary s = bulk.run(BulkImport.files(files).iterator(), files.size(), err);
        out.printf("bench ingest: %,d messages from %s (%,d stored, %,d quarantined, %,d conversations)%n",
                s.seen(), dir, s.stored(), s.quarantined(), conversations.count());
        out.printf("%-10s %10s %12s%n", "stage", "seconds", "msg/s");
        for (BulkImport.Stage stage : BulkImport.Stage.values()) {
            double seconds = s.stageNanos()[stage.ordinal()] / 1e9;
            out.printf("%-10s %10.2f %12s%n", stage.name().toLowerCase(), seconds,
                    seconds == 0 ? "-" : String.format("%,.0f", s.seen() / seconds));
        }
        out.printf("%-10s %10.2f %12s%n", "total", s.wallNanos() / 1e9, String.format("%,.0f", s.perSecond(s.seen())));
        if (s.cpuNanos() > 0) {
            // CPU seconds move less than wall time when the machine is shared, so they show a change more clearly.
            out.printf("cpu %.2f s over %d cores (%.0f%% of them busy); load average %s%n", s.cpuNanos() / 1e9,
                    Runtime.getRuntime().availableProcessors(),
                    100.0 * s.cpuNanos() / s.wallNanos() / Runtime.getRuntime().availableProcessors(), loadAverage());
        }
        return 0;
    }

    private static String loadAverage() {
        double load = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return load < 0 ? "unknown" : String.format("%.2f", load);
    }

    private int search(int rounds, int warmUp, PrintStream out) {
        for (int r = 0; r < Math.max(1, warmUp); r++) {
            for (String q : SEARCH_MIX) {
                search.find(q, 20);
            }
        }
        List<Long> micros = new ArrayList<>();
        long hits = 0;
        for (int r = 0; r < rounds; r++) {
            for (String q : SEARCH_MIX) {
                long t = System.nanoTime();
                SearchResults results = search.find(q, 20);
                micros.add((System.nanoTime() - t) / 1000);
                hits += results.hits().size();
            }
        }
        long[] sorted = micros.stream().mapToLong(Long::longValue).sorted().toArray();
        out.printf("bench search: %d queries (%d rounds of %d, after %d rounds of warm-up), %,d hits shown%n",
                sorted.length, rounds, SEARCH_MIX.size(), Math.max(1, warmUp), hits);
        out.printf("p50 %.2f ms   p99 %.2f ms   max %.2f ms%n", percentile(sorted, 50) / 1000.0,
                percentile(sorted, 99) / 1000.0, sorted[sorted.length - 1] / 1000.0);
        return 0;
    }

    private static long percentile(long[] sorted, int p) {
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }
}
