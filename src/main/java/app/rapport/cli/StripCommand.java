package app.rapport.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.springframework.stereotype.Component;

import app.rapport.mailbox.MessageParser;
import app.rapport.mailbox.NewText;
import app.rapport.mailbox.UnreadableMessageException;

/** {@code strip PATH...}: the new text of each message, without quotes and signature. */
@Component
class StripCommand implements Command {

    @Override
    public String name() {
        return "strip";
    }

    @Override
    public String summary() {
        return "print what the sender wrote in each message, without quotes and signature";
    }

    @Override
    public String usage() {
        return """
                Usage: strip [--text] [--out DIR] PATH...

                For each PATH (a whole RFC 822 message, or with --text a plain-text body; a directory means every
                file in it) prints the new text: what the sender wrote, without the quoted earlier mail, the
                signature, sign-offs, disclaimers and list footers.

                --text     read every input as a plain-text body (no headers)
                --out DIR  write one file per input, with the input's name, into DIR instead of printing""";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws IOException {
        boolean text = false;
        Path outDir = null;
        List<Path> inputs = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--text")) {
                text = true;
            } else if (a.equals("--out") && i + 1 < args.size()) {
                outDir = Path.of(args.get(++i));
            } else if (a.startsWith("--")) {
                err.println("Unknown option " + a + ".\n\n" + usage());
                return 2;
            } else {
                inputs.add(Path.of(a));
            }
        }
        if (inputs.isEmpty()) {
            err.println(usage());
            return 2;
        }
        List<Path> files = new ArrayList<>();
        for (Path input : inputs) {
            if (Files.isDirectory(input)) {
                try (Stream<Path> list = Files.list(input)) {
                    list.filter(Files::isRegularFile).sorted().forEach(files::add);
                }
            } else if (Files.isRegularFile(input)) {
                files.add(input);
            } else {
                err.println("No such file: " + input);
                return 2;
            }
        }
        if (outDir != null) {
            Files.createDirectories(outDir);
        }
        MessageParser parser = new MessageParser();
        int failed = 0;
        for (Path file : files) {
            byte[] bytes = Files.readAllBytes(file);
            String newText;
            try {
                newText = text ? NewText.of(new String(bytes, StandardCharsets.UTF_8)) : parser.parse(bytes).newText();
            } catch (UnreadableMessageException e) {
                err.println(file + ": " + e.getMessage() + " (use --text for a plain-text body)");
                failed++;
                continue;
            }
            if (outDir != null) {
                Files.writeString(outDir.resolve(file.getFileName()), newText + "\n", StandardCharsets.UTF_8);
            } else if (files.size() == 1) {
                out.println(newText);
            } else {
                out.println("==> " + file + " <==");
                out.println(newText);
                out.println();
            }
        }
        return failed == 0 ? 0 : 1;
    }
}
