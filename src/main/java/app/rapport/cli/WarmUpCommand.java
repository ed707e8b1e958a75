package app.rapport.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import jakarta.mail.Flags;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.springframework.stereotype.Component;

import com.icegreen.greenmail.store.MailFolder;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;

import app.rapport.mailbox.MailAccount;
import app.rapport.mailbox.MailFiles;
import app.rapport.mailbox.MailboxPoller;
import app.rapport.mailbox.SyncListener;
import app.rapport.threading.Conversations;

/**
 * {@code warm-up --maildir DIR}: what the build runs while it records the fast start's AOT cache (see
 * {@code src/build/fast-start.sh}), so the cache holds the classes and the profile of both ways mail comes in.
 * On a throwaway data directory (see {@link CommandLine}) it imports the first half of DIR from its files and
 * reads the second half by a first IMAP sync from the built-in server (the one the demo uses), serving it on
 * loopback from this process. It prints what each half took; the figures that count are the benchmarks'.
 */
@Component
class WarmUpCommand implements Command {

    private static final String ADDRESS = "warm-up@rapport.test";

    private final BulkImport bulk;
    private final MailboxPoller poller;
    private final Conversations conversations;

    WarmUpCommand(BulkImport bulk, MailboxPoller poller, Conversations conversations) {
        this.bulk = bulk;
        this.poller = poller;
        this.conversations = conversations;
    }

    @Override
    public String name() {
        return "warm-up";
    }

    @Override
    public String summary() {
        return "import and sync sample mail on a throwaway data directory (the build records the fast start with it)";
    }

    @Override
    public String usage() {
        return """
                Usage: warm-up --maildir DIR

                On a throwaway data directory, imports the first half of DIR's messages from their files and
                reads the second half by a first IMAP sync from the built-in server on loopback. The build runs
                this while it records the AOT cache of the fast start (target/rapport/), so that cache knows the
                code both ways of bringing mail in. It touches no data of yours.""";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        if (args.size() != 2 || !args.get(0).equals("--maildir")) {
            err.println(usage());
            return 2;
        }
        Path dir = Path.of(args.get(1));
        if (!Files.isDirectory(dir)) {
            err.println("No such directory: " + dir);
            return 2;
        }
        List<Path> files = MailFiles.maildir(dir);
        List<Path> imported = files.subList(0, files.size() / 2);
        List<Path> synced = files.subList(files.size() / 2, files.size());
        BulkImport.Summary s = bulk.run(BulkImport.files(imported).iterator(), imported.size(), null);
        out.printf("warm-up: imported %,d messages in %.2f s%n", s.stored(), s.wallNanos() / 1e9);

        ServerSetup setup = new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP).dynamicPort();
        GreenMail server = new GreenMail(setup);
        server.start();
        try {
            String password = UUID.randomUUID().toString();
            GreenMailUser user = server.setUser(ADDRESS, ADDRESS, password);
            load(server, user, synced, err);
            MailAccount account = new MailAccount("warm-up", ADDRESS,
                    new MailAccount.Endpoint("127.0.0.1", server.getImap().getPort(), MailAccount.Security.NONE,
                            ADDRESS, password, false),
                    null);
            long started = System.nanoTime();
            MailboxPoller.AccountRun run = poller.syncOnce(account, SyncListener.NONE);
            if (!run.ok()) {
                err.println("warm-up: the sync failed: " + run.error());
                return 1;
            }
            int fetched = run.fetchedByFolder().values().stream().mapToInt(Integer::intValue).sum();
            out.printf("warm-up: synced %,d messages over loopback IMAP in %.2f s; %,d conversations in all%n",
                    fetched, (System.nanoTime() - started) / 1e9, conversations.count());
            return 0;
        } finally {
            server.stop();
        }
    }

    /** Puts every readable file of the Maildir into the server's INBOX. */
    private static void load(GreenMail server, GreenMailUser user, List<Path> files, PrintStream err) {
        MailFolder inbox;
        try {
            inbox = server.getManagers().getImapHostManager().getInbox(user);
        } catch (Exception e) {
            throw new IllegalStateException("the built-in server has no inbox: " + e.getMessage(), e);
        }
        var session = GreenMailUtil.getSession(server.getImap().getServerSetup());
        for (Path file : files) {
            try (InputStream in = Files.newInputStream(file)) {
                inbox.appendMessage(new MimeMessage(session, in), new Flags(), null);
            } catch (IOException | MessagingException e) {
                err.println("skipped " + file + ": " + e.getMessage());
            }
        }
    }
}
