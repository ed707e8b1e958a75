package app.rapport.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import app.rapport.customers.FactFinder;

/** {@code eval facts LABELS... MAILDIR}: precision and recall of fact finding on hand-labelled mail. */
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
                Usage: eval facts LABELS [LABELS...] MAILDIR [--details]

                Reads each message listed in LABELS (tab-separated: message, kind, value) from MAILDIR, finds
                facts in its new text and signature as Rapport does for live mail, and prints precision and
                recall per kind. Several LABELS files are printed side by side (a tuning set beside a held-out
                one). --details also lists every wrong and every missed fact.

                Example: eval facts src/test/resources/facts/usrp-users-labelled.tsv \
                             src/test/resources/facts/usrp-users-held-out.tsv /tmp/corpus/usrp-users""";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        List<String> rest = new ArrayList<>(args);
        boolean details = rest.remove("--details");
        if (rest.size() < 3 || !rest.getFirst().equals("facts")) {
            err.println("eval needs: facts LABELS [LABELS...] MAILDIR.\n\n" + usage());
            return 2;
        }
        Path maildir = Path.of(rest.getLast());
        if (!Files.isDirectory(maildir)) {
            err.println("No Maildir at " + maildir + ".");
            return 2;
        }
        FactEvaluation evaluation = new FactEvaluation(finder);
        Map<String, FactEvaluation.Result> sets = new LinkedHashMap<>();
        for (String name : rest.subList(1, rest.size() - 1)) {
            Path labels = Path.of(name);
            if (!Files.isRegularFile(labels)) {
                err.println("No labels file at " + labels + ".");
                return 2;
            }
            sets.put(labels.getFileName().toString().replaceFirst("\\.tsv$", ""), evaluation.run(labels, maildir));
        }
        FactEvaluation.print(sets, out, details);
        return 0;
    }
}
