package app.rapport.cli;

import java.io.PrintStream;
import java.util.List;

/**
 * One subcommand of the jar ({@code java -jar rapport.jar NAME ARGS…}). Implementations are Spring beans in this
 * package, so a new command is just a new class. {@link CommandLine} finds the one to run by its bean's name, without
 * creating the others: the class of the command "bench-draft" is {@code BenchDraftCommand} (see
 * {@link CommandLine#beanName}; {@code CommandNamesTest} fails for a class named otherwise).
 */
public interface Command {

    /** The word that selects this command. */
    String name();

    /** One line for the command list. */
    String summary();

    /** The full help text for {@code NAME --help}. */
    String usage();

    /**
     * Runs the command.
     *
     * @param args the arguments after the command's name
     * @return the process exit code: 0 for success, 2 for bad arguments, 1 for failure
     */
    int run(List<String> args, PrintStream out, PrintStream err) throws Exception;
}
