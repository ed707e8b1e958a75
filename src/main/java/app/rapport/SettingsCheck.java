package app.rapport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Checks the settings before anything starts, so a mistake stops Rapport at once with every wrong setting named
 * (instead of a failure deep inside the first poll or send). Runs before any bean is created.
 */
@Component
class SettingsCheck implements BeanFactoryPostProcessor, EnvironmentAware {

    private static final Set<String> SECURITY = Set.of("TLS", "STARTTLS", "NONE");

    private Environment environment;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        if (AheadOfTime.preparing()) {
            return;
        }
        List<BadSettingsException.Problem> problems = check(environment);
        if (!problems.isEmpty()) {
            throw new BadSettingsException(problems);
        }
    }

    static List<BadSettingsException.Problem> check(Environment env) {
        Binder binder = Binder.get(env);
        List<BadSettingsException.Problem> problems = new ArrayList<>();
        dataDirectory(env, problems);
        positiveDuration(binder, env, "rapport.mail.poll-interval", problems);
        positiveDuration(binder, env, "rapport.mail.timeout", problems);
        atLeastZeroDuration(binder, env, "rapport.outbox.undo-window", problems);
        atLeastOne(binder, env, "rapport.outbox.max-attempts", problems);
        for (String server : List.of("imap", "smtp")) {
            String security = text(env, "rapport.mail." + server + ".security");
            if (security != null && !SECURITY.contains(security.toUpperCase(Locale.ROOT).replace('-', '_'))) {
                problems.add(new BadSettingsException.Problem("rapport.mail." + server + ".security", security,
                        "must be TLS, STARTTLS or NONE"));
            }
            port(binder, env, "rapport.mail." + server + ".port", problems);
        }
        String imapHost = text(env, "rapport.mail.imap.host");
        String smtpHost = text(env, "rapport.mail.smtp.host");
        if (imapHost != null && smtpHost == null) {
            problems.add(new BadSettingsException.Problem("rapport.mail.smtp.host", null,
                    "is not set, but rapport.mail.imap.host is: Rapport needs an SMTP server to send the replies"
                            + " you approve (set both, or neither for the demo)"));
        }
        if (imapHost == null && smtpHost != null) {
            problems.add(new BadSettingsException.Problem("rapport.mail.imap.host", null,
                    "is not set, but rapport.mail.smtp.host is: Rapport reads the mailbox over IMAP"
                            + " (set both, or neither for the demo)"));
        }
        return problems;
    }

    private static void dataDirectory(Environment env, List<BadSettingsException.Problem> problems) {
        String value = env.getProperty("rapport.data-dir");
        if (value == null || value.isBlank()) {
            problems.add(new BadSettingsException.Problem("rapport.data-dir", value, "must name a directory"));
            return;
        }
        try {
            Path dir = Path.of(value).toAbsolutePath().normalize();
            Files.createDirectories(dir);
            Path probe = Files.createTempFile(dir, ".write-check", ".tmp");
            Files.delete(probe);
        } catch (InvalidPathException | IOException e) {
            problems.add(new BadSettingsException.Problem("rapport.data-dir", value,
                    "Rapport cannot create or write this directory (" + reason(e)
                            + "); set it to a directory this user may write"));
        }
    }

    private static String reason(Exception e) {
        return switch (e) {
            case java.nio.file.AccessDeniedException a -> "permission denied";
            case java.nio.file.FileAlreadyExistsException f -> f.getFile() + " is a file, not a directory";
            case java.nio.file.FileSystemException f when f.getReason() != null -> f.getReason();
            default -> e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        };
    }

    private static void positiveDuration(Binder binder, Environment env, String name,
                                         List<BadSettingsException.Problem> problems) {
        duration(binder, env, name, problems).filter(d -> d.isNegative() || d.isZero()).ifPresent(d ->
                problems.add(new BadSettingsException.Problem(name, text(env, name), "must be longer than zero")));
    }

    private static void atLeastZeroDuration(Binder binder, Environment env, String name,
                                            List<BadSettingsException.Problem> problems) {
        duration(binder, env, name, problems).filter(Duration::isNegative).ifPresent(d ->
                problems.add(new BadSettingsException.Problem(name, text(env, name), "must not be negative")));
    }

    private static Optional<Duration> duration(Binder binder, Environment env, String name,
                                               List<BadSettingsException.Problem> problems) {
        try {
            return binder.bind(name, Duration.class).map(Optional::of).orElse(Optional.empty());
        } catch (BindException e) {
            problems.add(new BadSettingsException.Problem(name, text(env, name),
                    "is not a length of time (write it like 30s, 5m or 1h)"));
            return Optional.empty();
        }
    }

    private static void atLeastOne(Binder binder, Environment env, String name,
                                   List<BadSettingsException.Problem> problems) {
        integer(binder, env, name, problems).filter(n -> n < 1).ifPresent(n ->
                problems.add(new BadSettingsException.Problem(name, text(env, name), "must be 1 or more")));
    }

    private static void port(Binder binder, Environment env, String name, List<BadSettingsException.Problem> problems) {
        integer(binder, env, name, problems).filter(n -> n < 1 || n > 65535).ifPresent(n ->
                problems.add(new BadSettingsException.Problem(name, text(env, name),
                        "is not a port number (1 to 65535)")));
    }

    private static Optional<Integer> integer(Binder binder, Environment env, String name,
                                             List<BadSettingsException.Problem> problems) {
        try {
            return binder.bind(name, Integer.class).map(Optional::of).orElse(Optional.empty());
        } catch (BindException e) {
            problems.add(new BadSettingsException.Problem(name, text(env, name), "is not a whole number"));
            return Optional.empty();
        }
    }

    private static String text(Environment env, String name) {
        String value = env.getProperty(name);
        return value == null || value.isBlank() ? null : value.strip();
    }
}
