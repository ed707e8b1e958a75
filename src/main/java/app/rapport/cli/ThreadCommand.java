package app.rapport.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
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

/** {@code thread --maildir DIR} and {@code thread --mbox FILE}: which conversation each message belongs to, computed in memory. */
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
        return "print the conversation of every message in a Maildir or an mbox file (stores nothing)";
    }

    @Override
    public String usage() {
        return """
                Usage: thread --maildir DIR
                       thread --mbox FILE

                Threads the messages of DIR or FILE in memory (the JWZ algorithm with Rapport's rules) and prints
                one line per message: file, TAB, Message-ID, TAB, conversation id (the Message-ID of the
                conversation's first message). A message of an mbox file is named FILE#N, N counting from 1.
                Nothing is stored. Messages that are not mail are reported on standard error.""";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws IOException {
        if (args.size() != 2 || !List.of("--maildir", "--mbox").contains(args.get(0))) {
            err.println(usage());
            return 2;
        }
        Path path = Path.of(args.get(1));
        MessageParser parser = new MessageParser();
        List<JwzThreader.Item> items;
        if (args.get(0).equals("--maildir")) {
            if (!Files.isDirectory(path)) {
                err.println("No such directory: " + path);
                return 2;
            }
            items = MailFiles.maildir(path).parallelStream().map(file -> {
                try {
                    return item(parser, file.toString(), Files.readAllBytes(file), err);
                } catch (IOException e) {
                    err.println(file + ": cannot be read, " + e.getMessage());
                    return null;
                }
            }).filter(java.util.Objects::nonNull).collect(Collectors.toCollection(ArrayList::new));
        } else {
            if (!Files.isRegularFile(path)) {
                err.println("No such file: " + path);
                return 2;
            }
            items = new ArrayList<>();
            // One message at a time: only what threading needs is kept, never the file's bytes.
            try (InputStream in = Files.newInputStream(path)) {
                Iterator<byte[]> messages = MailFiles.mbox(in);
                int n = 0;
                while (messages.hasNext()) {
                    JwzThreader.Item item = item(parser, path + "#" + (++n), messages.next(), err);
                    if (item != null) {
                        items.add(item);
                    }
                }
            }
        }
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

    private JwzThreader.Item item(MessageParser parser, String name, byte[] bytes, PrintStream err) {
        try {
            ParsedMessage p = parser.read(bytes);
            String party = p.fromAddress() != null && ownAddresses.contains(p.fromAddress())
                    ? p.toAddresses().stream().filter(a -> !ownAddresses.contains(a)).findFirst().orElse(null)
                    : p.fromAddress();
            return new JwzThreader.Item(name, p.messageId(), p.references(), p.subject(), p.date(), party,
                    p.automated() != null);
        } catch (UnreadableMessageException e) {
            err.println(name + ": not threaded, " + e.getMessage());
            return null;
        }
    }
}
