package app.rapport.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import app.rapport.customers.FactLearning;
import app.rapport.drafting.DraftPreview;
import app.rapport.drafting.Drafts;
import app.rapport.mailbox.MailFiles;
import app.rapport.mailbox.Messages;

/**
 * {@code bench draft}: how long writing one draft takes without a model, recall included, over the stored mail
 * (after importing a Maildir when one is given), and how many of those messages would get a draft at all.
 */
@Component
class BenchDraftCommand implements Command {

    private final BulkImport bulk;
    private final FactLearning learning;
    private final Messages messages;
    private final DraftPreview preview;
    private final Drafts drafts;
    private final JdbcClient jdbc;

    BenchDraftCommand(BulkImport bulk, FactLearning learning, Messages messages, DraftPreview preview, Drafts drafts,
                      JdbcClient jdbc) {
        this.bulk = bulk;
        this.learning = learning;
        this.messages = messages;
        this.preview = preview;
        this.drafts = drafts;
        this.jdbc = jdbc;
    }

    @Override
    public String name() {
        return "bench-draft";
    }

    @Override
    public String summary() {
        return "measure drafting (p50/p95 per draft, recall included); also as 'bench draft'";
    }

    @Override
    public String usage() {
        return """
                Usage: bench draft [--maildir DIR] [--limit N]

                With --maildir, first imports DIR (all of it, or its first N files with --limit) into the data
                directory (RAPPORT_DATA_DIR; use an empty one) the way 'import' does (threads, customers, index in
                batches), then reads the customers' facts. List headers are taken off first, so that a list
                archive's authors become customers with facts and earlier conversations to recall; the list
                footers in the text stay.
                Then writes, without storing it, the draft each stored customer message (the last N with --limit)
                would get (templates, no model; recall of facts and earlier conversations included) and prints
                p50, p95, p99 and max per draft, the heap in use, and how many messages would really get a draft
                and why the others would not.""";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        Path maildir = null;
        int limit = Integer.MAX_VALUE;
        for (int i = 0; i < args.size(); i++) {
            switch (args.get(i)) {
                case "--maildir" -> maildir = Path.of(args.get(++i));
                case "--limit" -> limit = Integer.parseInt(args.get(++i));
                default -> {
                    err.println(usage());
                    return 2;
                }
            }
        }
        if (maildir != null) {
            if (!Files.isDirectory(maildir)) {
                err.println("No such directory: " + maildir);
                return 2;
            }
            long started = System.nanoTime();
            List<Path> files = MailFiles.maildir(maildir);
            files = files.subList(0, Math.min(limit, files.size()));
            BulkImport.Summary summary = bulk.run(withoutListHeaders(files).iterator(), files.size(), null);
            out.printf("imported %,d messages from %s in %.1f s (%,d stored)%n", summary.seen(), maildir,
                    (System.nanoTime() - started) / 1e9, summary.stored());
            long learnt = System.nanoTime();
            long facts = learning.relearn(n -> { });
            out.printf("read the customers' facts in %.1f s: %,d remembered%n", (System.nanoTime() - learnt) / 1e9, facts);
            long unhandled = settle(Duration.ofMinutes(5));
            if (unhandled > 0) {
                out.printf("%,d events were still not handled; measuring what is there%n", unhandled);
            }
        }
        List<Long> ids = messages.allIds();
        if (ids.size() > limit) {
            ids = ids.subList(ids.size() - limit, ids.size());
        }
        for (long id : ids.subList(0, Math.min(50, ids.size()))) {
            preview.of(id);
        }
        List<Long> nanos = new ArrayList<>();
        Map<String, Integer> skipped = new TreeMap<>();
        int wouldDraft = 0;
        int touches = 0;
        for (long id : ids) {
            long start = System.nanoTime();
            var p = preview.of(id);
            long took = System.nanoTime() - start;
            if (p.isEmpty()) {
                continue;
            }
            nanos.add(took);
            touches += p.get().touches();
            if (p.get().drafts()) {
                wouldDraft++;
            } else {
                skipped.merge(p.get().reason().replaceAll("\\(.*\\)", "").strip(), 1, Integer::sum);
            }
        }
        if (nanos.isEmpty()) {
            err.println("No customer messages in the data directory; give --maildir DIR.");
            return 1;
        }
        long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
        out.printf("bench draft: %,d customer messages, drafts written without a model (recall included)%n", sorted.length);
        out.printf("p50 %.2f ms   p95 %.2f ms   p99 %.2f ms   max %.2f ms   (target: p95 < 50 ms)%n",
                ms(sorted, 50), ms(sorted, 95), ms(sorted, 99), sorted[sorted.length - 1] / 1e6);
        out.printf("would get a draft: %,d of %,d; personal touches used: %,d%n", wouldDraft, sorted.length, touches);
        skipped.forEach((reason, n) -> out.printf("  %,7d  %s%n", n, reason));
        Runtime rt = Runtime.getRuntime();
        out.printf("heap in use after the run: %,d MB of %,d MB allowed%n", (rt.totalMemory() - rt.freeMemory()) >> 20,
                rt.maxMemory() >> 20);
        out.printf("open drafts in the data directory: %,d%n", drafts.countOpen());
        return 0;
    }

    private static List<BulkImport.Source> withoutListHeaders(List<Path> files) {
        return BulkImport.files(files).stream().<BulkImport.Source>map(f -> new BulkImport.Source() {
            @Override
            public byte[] bytes() throws IOException {
                return withoutListHeaders(f.bytes());
            }

            @Override
            public String name() {
                return f.name();
            }
        }).toList();
    }

    private static final java.util.regex.Pattern LIST_HEADER = java.util.regex.Pattern.compile(
            "(?i)^(list-[a-z-]+|precedence|x-mailman-[a-z-]+|x-beenthere|mailing-list):.*");

    /**
     * A list archive's authors never become customers (their mail is list traffic), so there would be nothing
     * to draft. Without the list headers they do, with their facts and earlier conversations; the list footer
     * in the text is kept, so the decision whether to reply still has something to go by.
     */
    static byte[] withoutListHeaders(byte[] raw) {
        String text = new String(raw, java.nio.charset.StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        int lf = text.indexOf("\n\n");
        if (end < 0 || (lf >= 0 && lf < end)) {
            end = lf;
        }
        if (end < 0) {
            return raw;
        }
        StringBuilder headers = new StringBuilder();
        boolean dropping = false;
        for (String line : text.substring(0, end).split("(?<=\n)")) {
            boolean continuation = !line.isEmpty() && (line.charAt(0) == ' ' || line.charAt(0) == '\t');
            if (!continuation) {
                dropping = LIST_HEADER.matcher(line.strip()).matches();
            }
            if (!dropping) {
                headers.append(line);
            }
        }
        return (headers + text.substring(end)).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    /**
     * Waits until every module has handled every event (no open publication in the registry), or until the
     * number of open ones has not moved for a minute (a listener keeps failing; the count is printed).
     */
    private long settle(Duration max) throws InterruptedException {
        Instant deadline = Instant.now().plus(max);
        long last = -1;
        Instant lastChange = Instant.now();
        int quiet = 0;
        while (Instant.now().isBefore(deadline) && quiet < 3
                && Duration.between(lastChange, Instant.now()).compareTo(Duration.ofMinutes(1)) < 0) {
            long open = jdbc.sql("select count(*) from event_publication where completion_date is null")
                    .query(Long.class).single();
            quiet = open == 0 ? quiet + 1 : 0;
            if (open != last) {
                last = open;
                lastChange = Instant.now();
            }
            Thread.sleep(500);
        }
        return Math.max(0, last);
    }

    private static double ms(long[] sorted, int percentile) {
        int i = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
    }
}
