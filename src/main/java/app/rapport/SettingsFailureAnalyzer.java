package app.rapport;

import java.util.Arrays;
import java.util.stream.Collectors;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Turns a start that failed on settings into plain words: which setting, which environment variable, what is
 * wrong, and where the settings are described. Covers {@link BadSettingsException}, any value Spring could
 * not convert to the type a settings record asks for, and a data directory whose database another process holds.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
public class SettingsFailureAnalyzer implements FailureAnalyzer {

    // H2's "Database may be already in use"
    private static final int H2_DATABASE_IN_USE = 90020;

    private static final String ACTION = "Fix the setting(s) above and start Rapport again. The README's"
            + " 'Configuration' table lists every setting, its environment variable and its default.";

    @Override
    public FailureAnalysis analyze(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof BadSettingsException bad) {
                return new FailureAnalysis("Rapport cannot start. " + bad.getMessage(), ACTION, bad);
            }
            if (t instanceof java.sql.SQLException sql && sql.getErrorCode() == H2_DATABASE_IN_USE
                    || t instanceof org.apache.lucene.store.LockObtainFailedException) {
                return new FailureAnalysis("Rapport cannot start: its data directory is in use by another Rapport"
                        + " process (the web inbox, or a command still running). The embedded database and the"
                        + " search index allow one process at a time.",
                        "Stop the other process first. Commands such as backup run while the web inbox is stopped.", t);
            }
            if (t instanceof BindException bind && bind.getName().toString().startsWith("rapport.")) {
                String name = bind.getName().toString();
                Object value = bind.getProperty() == null ? null : bind.getProperty().getValue();
                String expected = expected(bind.getTarget().getType().resolve());
                var problem = new BadSettingsException.Problem(name, value == null ? null : value.toString(), expected);
                return new FailureAnalysis("Rapport cannot start. A setting is wrong:\n  - " + problem, ACTION, bind);
            }
        }
        return null;
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "it cannot be read";
        }
        if (type.isEnum()) {
            return "must be one of " + Arrays.stream(type.getEnumConstants()).map(Object::toString)
                    .collect(Collectors.joining(", "));
        }
        if (type == java.time.Duration.class) {
            return "is not a length of time (write it like 30s, 5m or 1h)";
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "is not a whole number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "must be true or false";
        }
        return "cannot be read as " + type.getSimpleName();
    }
}
