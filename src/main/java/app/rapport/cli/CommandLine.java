package app.rapport.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import app.rapport.DataDirectoryLock;

/**
 * Runs one {@link Command} against the data directory and exits. The application starts without the web
 * server, the schedulers and the demo mail server; the command's own output is all that is printed.
 */
public final class CommandLine {

    private CommandLine() {
    }

    /** A first argument that is a word (not a {@code --option} for the server) names a command. */
    public static boolean isCommand(String[] args) {
        return args.length > 0 && !args[0].startsWith("--") || args.length > 0 && List.of("--help", "-h").contains(args[0]);
    }

    public static int run(Class<?> application, String[] args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        String name = args[0].startsWith("-") ? "help" : args[0];
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(application)
                .web(WebApplicationType.NONE)
                .listeners(new DataDirectoryLock())
                .properties(Map.of("rapport.scheduling.enabled", "false",
                        "rapport.demo.enabled", "false",
                        "spring.main.banner-mode", "off",
                        "spring.main.log-startup-info", "false",
                        "logging.level.root", "WARN"))
                .run()) {
            List<Command> commands = context.getBeansOfType(Command.class).values().stream()
                    .sorted(Comparator.comparing(Command::name)).toList();
            if (name.equals("help")) {
                out.println(usage(commands));
                return 0;
            }
            Optional<Command> command = commands.stream().filter(c -> c.name().equals(name)).findFirst();
            if (command.isEmpty()) {
                err.println("Unknown command '" + name + "'.\n\n" + usage(commands));
                return 2;
            }
            if (rest.contains("--help") || rest.contains("-h")) {
                out.println(command.get().usage());
                return 0;
            }
            return command.get().run(rest, out, err);
        } catch (Exception e) {
            err.println("rapport " + name + " failed: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
            return 1;
        }
    }

    static String usage(List<Command> commands) {
        StringBuilder usage = new StringBuilder("""
                Usage: java -jar rapport.jar [COMMAND [ARGS…]]

                With no command, Rapport serves the web inbox (demo mode unless a mailbox is configured).
                The data directory is RAPPORT_DATA_DIR (default ./data).

                Commands (COMMAND --help for details):
                """);
        for (Command c : commands) {
            usage.append(String.format("  %-10s %s%n", c.name(), c.summary()));
        }
        usage.append(String.format("  %-10s %s", "help", "this text"));
        return usage.toString();
    }
}
