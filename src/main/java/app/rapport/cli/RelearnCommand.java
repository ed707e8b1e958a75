package app.rapport.cli;

import java.io.PrintStream;
import java.util.List;

import org.springframework.stereotype.Component;

import app.rapport.customers.FactLearning;

/** {@code relearn}: reads the facts of every customer message again. */
@Component
class RelearnCommand implements Command {

    private final FactLearning learning;

    RelearnCommand(FactLearning learning) {
        this.learning = learning;
    }

    @Override
    public String name() {
        return "relearn";
    }

    @Override
    public String summary() {
        return "read the facts of every customer message again";
    }

    @Override
    public String usage() {
        return """
                Usage: relearn

                Reads facts again from every message customers wrote (mail stored before facts were read, or
                after the rules improved). Facts already remembered or rejected by the owner are not suggested twice.""";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        if (!args.isEmpty()) {
            err.println("relearn takes no arguments.\n\n" + usage());
            return 2;
        }
        long facts = learning.relearn(n -> {
            if (n % 1000 == 0) {
                out.printf("%d messages read%n", n);
            }
        });
        out.printf("Done: %d facts remembered.%n", facts);
        return 0;
    }
}
