package app.rapport.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

import app.rapport.mailbox.MailAccount;
import app.rapport.mailbox.MailFiles;
import app.rapport.mailbox.MessageParser;
import app.rapport.mailbox.ParsedMessage;
import app.rapport.mailbox.UnreadableMessageException;
import app.rapport.threading.JwzThreader;

/** {@code thread --maildir DIR}: which conversation each message belongs to, computed in memory. */
@Component
class ThreadCommand implements Command {

    private final Set<String> ownAddresses;

    ThreadCommand(List<MailAccount> accounts) {
        this.ownAddresses = accounts.stream().map(MailAccount::address).collect(Collectors.toUnmodifiableSet());
    }

    @Override
    public String name() {
        return "thread";
    }

    @Override
    public String summary() {
        return "print the conversation of every message in a Maildir (stores nothing)";
    }

    @Override
    public String usage() {
        return """
                Usage: thread --maildir DIR

                Threads the messages of DIR in memory (the JWZ algorithm with Rapport's rules) and prints one line
                per message: file, TAB, Message-ID, TAB, conversation id (the Message-ID of the conversation's first
                message). Nothing is stored. Files that are not mail are reported on standard error.""";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws IOException {
        if (args.size() != 2 || !args.get(0).equals("--maildir")) {
            err.println(usage());
            return 2;
        }
        Path dir = Path.of(args.get(1));
        if (!Files.isDirectory(dir)) {
            err.println("No such directory: " + dir);
            return 2;
        }
        MessageParser parser = new MessageParser();
        List<Path> files = MailFiles.maildir(dir);
        List<JwzThreader.Item> items = files.parallelStream().map(file -> {
            try {
                ParsedMessage p = parser.read(Files.readAllBytes(file));
                String party = p.fromAddress() != null && ownAddresses.contains(p.fromAddress())
                        ? p.toAddresses().stream().filter(a -> !ownAddresses.contains(a)).findFirst().orElse(null)
                        : p.fromAddress();
                return new JwzThreader.Item(file.toString(), p.messageId(), p.references(), p.subject(), p.date(),
                        party, p.automated() != null);
            } catch (UnreadableMessageException e) {
                err.println(file + ": not threaded, " + e.getMessage());
                return null;
            } catch (IOException e) {
                err.println(file + ": cannot be read, " + e.getMessage());
                return null;
            }
        }).filter(java.util.Objects::nonNull).collect(Collectors.toCollection(ArrayList::new));
        Map<String, String> threads = JwzThreader.threadIds(items);
        StringBuilder buffer = new StringBuilder();
        for (JwzThreader.Item item : items) {
            buffer.append(item.key()).append('\t').append(item.messageId()).append('\t')
                    .append(threads.get(item.key())).append('\n');
            if (buffer.length() > 1 << 16) {
                out.print(buffer);
                buffer.setLength(0);
            }
        }
        out.print(buffer);
        out.flush();
        return 0;
    }
}
