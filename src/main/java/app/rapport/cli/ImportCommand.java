package app.rapport.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;

import org.springframework.stereotype.Component;
import org.springframework.util.FileSystemUtils;

import app.rapport.mailbox.MailFiles;
import app.rapport.threading.Conversations;

/** {@code import --maildir DIR | --mbox FILE}: brings years of existing mail into Rapport at once. */
@Component
class ImportCommand implements Command {

    private final BulkImport bulk;
    private final Conversations conversations;

    ImportCommand(BulkImport bulk, Conversations conversations) {
        this.bulk = bulk;
        this.conversations = conversations;
    }

    @Override
    public String name() {
        return "import";
    }

    @Override
    public String summary() {
        return "import a Maildir or an mbox file into the data directory";
    }

    @Override
    public String usage() {
        return """
                Usage: import --maildir DIR
                       import --mbox FILE

                Stores every message (raw bytes and parsed record), threads it into conversations, ties it to its
                customer and indexes it for search. Messages already stored are recognised by their bytes and
                skipped, so running the same import again adds nothing. Mail that cannot be read is kept raw and
                quarantined with the reason. Imported mail is history: it gets no reply drafts.

                Progress goes to standard error; the summary to standard output.""";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws IOException {
        if (args.size() != 2 || !List.of("--maildir", "--mbox").contains(args.get(0))) {
            err.println(usage());
            return 2;
        }
        Path path = Path.of(args.get(1));
        long conversationsBefore = conversations.count();
        BulkImport.Summary summary;
        if (args.get(0).equals("--maildir")) {
            if (!Files.isDirectory(path)) {
                err.println("No such directory: " + path);
                return 2;
            }
            List<Path> files = MailFiles.maildir(path);
            summary = bulk.run(BulkImport.files(files).iterator(), files.size(), err);
        } else {
            if (!Files.isRegularFile(path)) {
                err.println("No such file: " + path);
                return 2;
            }
            // A message larger than the limit goes from the mbox file into a file of its own, streamed from there.
            Path spill = Files.createTempDirectory("rapport-mbox-");
            try (InputStream in = Files.newInputStream(path)) {
                Iterator<BulkImport.Source> sources = mboxSources(MailFiles.mbox(in, bulk.largeOver(), spill), path);
                summary = bulk.run(sources, -1, err);
            } finally {
                FileSystemUtils.deleteRecursively(spill);
            }
        }
        out.printf("""
                Imported %s in %.1f s (%,.0f msg/s):
                  messages      %,d read, %,d stored, %,d already stored
                  quarantined   %,d (kept raw; unreadable as mail)
                  conversations %,d more (%,d in total)
                  customers     %,d new
                """, path, summary.wallNanos() / 1e9, summary.perSecond(summary.seen()), summary.seen(),
                summary.stored(), summary.duplicates(), summary.quarantined(),
                conversations.count() - conversationsBefore, conversations.count(), summary.customers());
        return 0;
    }

    /** The messages of an mbox file as import sources, named FILE#N; a message written to a file is read from it. */
    static Iterator<BulkImport.Source> mboxSources(Iterator<MailFiles.MboxMessage> messages, Path path) {
        int[] n = {0};
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return messages.hasNext();
            }

            @Override
            public BulkImport.Source next() {
                MailFiles.MboxMessage m = messages.next();
                String name = path + "#" + (++n[0]);
                return m.bytes() != null ? BulkImport.Source.bytes(m.bytes(), name)
                        : BulkImport.Source.file(m.file(), name, m.size());
            }
        };
    }
}
