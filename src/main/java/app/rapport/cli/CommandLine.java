package app.rapport.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import app.rapport.AheadOfTime;
import app.rapport.DataDirectoryLock;

/**
 * Runs one {@link Command} against the data directory and exits. The application starts without the web
 * server, the schedulers and the demo mail server; the command's own output is all that is printed.
 */
public final class CommandLine {

    /**
     * What only the server's monitoring needs (health, metrics, the actuator's JSON, web security and message
     * converters): a command is watched by its output and exit status, and starts about a tenth faster without it.
     */
    static final List<String> SERVER_ONLY = List.of(
            "org.springframework.boot.health.autoconfigure.application.AvailabilityHealthContributorAutoConfiguration",
            "org.springframework.boot.health.autoconfigure.actuate.endpoint.AvailabilityProbesAutoConfiguration",
            "org.springframework.boot.health.autoconfigure.actuate.endpoint.HealthEndpointAutoConfiguration",
            "org.springframework.boot.health.autoconfigure.application.DiskSpaceHealthContributorAutoConfiguration",
            "org.springframework.boot.health.autoconfigure.application.SslHealthContributorAutoConfiguration",
            "org.springframework.boot.jdbc.autoconfigure.health.DataSourceHealthContributorAutoConfiguration",
            "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
            "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
            "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsEndpointAutoConfiguration",
            "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration",
            "org.springframework.boot.micrometer.metrics.autoconfigure.jvm.JvmMetricsAutoConfiguration",
            "org.springframework.boot.micrometer.metrics.autoconfigure.logging.logback.LogbackMetricsAutoConfiguration",
            "org.springframework.boot.micrometer.metrics.autoconfigure.ssl.SslMetricsAutoConfiguration",
            "org.springframework.boot.micrometer.metrics.autoconfigure.startup.StartupTimeMetricsListenerAutoConfiguration",
            "org.springframework.boot.micrometer.metrics.autoconfigure.system.SystemMetricsAutoConfiguration",
            "org.springframework.boot.micrometer.metrics.autoconfigure.task.TaskExecutorMetricsAutoConfiguration",
            "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration",
            "org.springframework.boot.micrometer.observation.autoconfigure.ScheduledTasksObservationAutoConfiguration",
            "org.springframework.boot.actuate.autoconfigure.endpoint.jackson.Jackson2EndpointAutoConfiguration",
            "org.springframework.boot.actuate.autoconfigure.endpoint.jackson.JacksonEndpointAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
            "org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration");

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
        Map<String, Object> properties = new java.util.HashMap<>(Map.of("rapport.scheduling.enabled", "false",
                "rapport.demo.enabled", "false",
                "spring.main.banner-mode", "off",
                "spring.main.log-startup-info", "false",
                "logging.level.root", "WARN",
                "spring.autoconfigure.exclude", String.join(",", SERVER_ONLY),
                // A command creates the beans its work reaches and no others: a third of a second less to start.
                "spring.main.lazy-initialization", "true"));
        boolean benchFirstIngest = name.equals("bench") && rest.contains("ingest") || name.equals("warm-up");
        if (name.equals("import") || name.equals("sync") || benchFirstIngest) {
            // H2 otherwise hashes every string it is given, whole message bodies included, to share equal ones.
            System.setProperty("h2.objectCache", "false");
        }
        java.nio.file.Path throwaway = null;
        if (benchFirstIngest) {
            // An ingest benchmark (and the warm-up) measures a first import and must not touch the owner's data.
            try {
                throwaway = java.nio.file.Files.createTempDirectory("rapport-bench-");
            } catch (java.io.IOException e) {
                err.println("rapport bench failed: cannot create a temporary data directory: " + e.getMessage());
                return 1;
            }
            // A system property, because it must win over application.properties and RAPPORT_DATA_DIR.
            System.setProperty("rapport.data-dir", throwaway.toString());
        }
        String aotBefore = System.getProperty("spring.aot.enabled");
        if (aheadOfTime()) {
            System.setProperty("spring.aot.enabled", "true");
        }
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(application)
                .main(Main.class) // the name the prepared context is found by, whoever called this
                .web(WebApplicationType.NONE)
                .listeners(new DataDirectoryLock())
                .properties(properties)
                .run()) {
            // "NAME SUB …" runs the command named "NAME-SUB" when there is one ("bench draft" → "bench-draft").
            // Only the chosen command is created, with what it needs: the others' beans would cost start time.
            Optional<Command> command = rest.isEmpty() ? Optional.empty() : find(context, name + "-" + rest.getFirst());
            List<String> commandArgs = command.isPresent() ? rest.subList(1, rest.size()) : rest;
            if (command.isEmpty() && !name.equals("help")) {
                command = find(context, name);
            }
            if (command.isEmpty()) {
                List<Command> commands = context.getBeansOfType(Command.class).values().stream()
                        .sorted(Comparator.comparing(Command::name)).toList();
                if (name.equals("help")) {
                    out.println(usage(commands));
                    return 0;
                }
                err.println("Unknown command '" + name + "'.\n\n" + usage(commands));
                return 2;
            }
            if (commandArgs.contains("--help") || commandArgs.contains("-h")) {
                out.println(command.get().usage());
                return 0;
            }
            return command.get().run(commandArgs, out, err);
        } catch (SpringApplication.AbandonedRunException e) {
            throw e; // the build preparing the context ahead of time stops the run here (see aheadOfTime)
        } catch (Exception e) {
            err.println("rapport " + name + " failed: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
            return 1;
        } finally {
            if (aotBefore == null) {
                System.clearProperty("spring.aot.enabled");
            } else {
                System.setProperty("spring.aot.enabled", aotBefore);
            }
            if (throwaway != null) {
                deleteTree(throwaway);
            }
        }
    }

    /**
     * Whether commands start from the context the build prepared ahead of time. The package phase runs Spring's
     * AOT engine on the command line's context (as {@code help} starts it: no web server, no schedules, no demo,
     * beans created lazily) and adds what it generates to the jar: the bean definitions as code, so nothing reads
     * configuration classes at start, and the proxy classes, so none is generated at start. The server does not use
     * it: its context differs (web, schedules, demo), and it is prepared as usual. Not while the build is preparing
     * it, and not from a build's classes before the package phase, where it is absent.
     */
    static boolean aheadOfTime() {
        return !AheadOfTime.preparing()
                && org.springframework.util.ClassUtils.isPresent(Main.class.getName() + "__ApplicationContextInitializer",
                CommandLine.class.getClassLoader());
    }

    /** The command named {@code word}, found by its bean's name (see {@link #beanName}) without creating others. */
    private static Optional<Command> find(ConfigurableApplicationContext context, String word) {
        String bean = beanName(word);
        return context.containsBean(bean) && context.isTypeMatch(bean, Command.class)
                ? Optional.of(context.getBean(bean, Command.class)) : Optional.empty();
    }

    /**
     * The bean name a command's class gets from its simple name: "sync" is {@code syncCommand}, "bench-draft"
     * {@code benchDraftCommand}. {@code CommandNamesTest} checks that every command is named this way.
     */
    static String beanName(String word) {
        StringBuilder bean = new StringBuilder();
        boolean upper = false;
        for (char c : word.toCharArray()) {
            if (c == '-') {
                upper = true;
            } else {
                bean.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return bean.append("Command").toString();
    }

    private static void deleteTree(java.nio.file.Path root) {
        try (var paths = java.nio.file.Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (java.io.IOException e) {
            System.err.println("could not delete " + root + ": " + e.getMessage());
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
