package app.rapport.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Component;

import app.rapport.customers.FactFinder;

/** {@code eval facts LABELS MAILDIR}: precision and recall of fact finding on hand-labelled mail. */
@Component
class EvalCommand implements Command {

    private final FactFinder finder;

    EvalCommand(FactFinder finder) {
        this.finder = finder;
    }

    @Override
    public String name() {
        return "eval";
    }

    @Override
    public String summary() {
        return "measure fact finding against hand-labelled mail";
    }

    @Override
    public String usage() {
        return """
                Usage: eval facts LABELS MAILDIR [--details]

                Reads each message listed in LABELS (tab-separated: message, kind, value) from MAILDIR, finds
                facts in its new text as Rapport does for live mail, and prints precision and recall per kind.
                --details also lists every wrong and every missed fact.

                Example: eval facts src/test/resources/facts/usrp-users-labelled.tsv /tmp/corpus/usrp-users""";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        List<String> rest = new ArrayList<>(args);
        boolean details = rest.remove("--details");
        if (rest.size() != 3 || !rest.getFirst().equals("facts")) {
            err.println("eval needs: facts LABELS MAILDIR.\n\n" + usage());
            return 2;
        }
        Path labels = Path.of(rest.get(1));
        Path maildir = Path.of(rest.get(2));
        if (!Files.isRegularFile(labels) || !Files.isDirectory(maildir)) {
            err.println("No labels file at " + labels + " or no Maildir at " + maildir + ".");
            return 2;
        }
        FactEvaluation.print(new FactEvaluation(finder).run(labels, maildir), out, details);
        return 0;
    }
}
