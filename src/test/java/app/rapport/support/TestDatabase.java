package app.rapport.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The database a test context runs on. By default the embedded H2 of the data directory; with
 * {@code -Drapport.test.database=postgres} (the build's second test run, tag {@value #TAG}) a fresh PostgreSQL
 * database on the server that {@code src/test/servers/postgres.sh} starts. When that server cannot be reached,
 * the tests are skipped with a message saying so, instead of failing on a machine without PostgreSQL.
 */
public final class TestDatabase implements ExecutionCondition {

    /** Tests tagged so run a second time against PostgreSQL. */
    public static final String TAG = "database";

    static final String URL = System.getProperty("rapport.test.postgres.url", "jdbc:postgresql://127.0.0.1:15432/rapport");
    static final String USER = System.getProperty("rapport.test.postgres.user", "rapport");
    static final String PASSWORD = System.getProperty("rapport.test.postgres.password", "rapport");

    private static volatile String unavailable;
    private static volatile boolean checked;

    public static boolean postgres() {
        return "postgres".equalsIgnoreCase(System.getProperty("rapport.test.database", "h2"));
    }

    /**
     * Points the context at a new, empty PostgreSQL database when the PostgreSQL run is on; leaves the H2
     * default otherwise.
     */
    public static void register(DynamicPropertyRegistry registry, String name) {
        if (!postgres() || reason() != null) {
            return;
        }
        String database = "rapport_" + name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "_") + "_"
                + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
        execute("create database " + database);
        registry.add("spring.datasource.url", () -> URL.substring(0, URL.lastIndexOf('/') + 1) + database);
        registry.add("spring.datasource.username", () -> USER);
        registry.add("spring.datasource.password", () -> PASSWORD);
    }

    /**
     * Command-line arguments that point an application started by {@link Apps} at the PostgreSQL database kept
     * for this data directory (created at the first call, the same one after a restart); none on the H2 run.
     */
    static java.util.List<String> argumentsFor(java.nio.file.Path dataDirectory) {
        if (!postgres() || reason() != null) {
            return java.util.List.of();
        }
        String database = "rapport_dir_" + Integer.toHexString(dataDirectory.toAbsolutePath().normalize().toString().hashCode());
        if (!exists(database)) {
            execute("create database " + database);
        }
        return java.util.List.of("--spring.datasource.url=" + URL.substring(0, URL.lastIndexOf('/') + 1) + database,
                "--spring.datasource.username=" + USER, "--spring.datasource.password=" + PASSWORD);
    }

    private static boolean exists(String database) {
        try (Connection c = DriverManager.getConnection(URL, USER, PASSWORD);
             var s = c.prepareStatement("select 1 from pg_database where datname = ?")) {
            s.setString(1, database);
            try (var rs = s.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL could not be asked for database " + database, e);
        }
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (!postgres()) {
            return ConditionEvaluationResult.enabled("runs on the embedded H2 database");
        }
        String reason = reason();
        if (reason != null) {
            if (context.getTestMethod().isEmpty()) {
                System.err.println("SKIPPED on PostgreSQL: " + context.getDisplayName() + ": " + reason);
            }
            return ConditionEvaluationResult.disabled(reason);
        }
        return ConditionEvaluationResult.enabled("runs on PostgreSQL at " + URL);
    }

    /** Why PostgreSQL cannot be used, or null when it can. Tries the start script once when nothing answers. */
    static synchronized String reason() {
        if (!checked) {
            checked = true;
            if (!answers()) {
                startWithScript();
            }
            unavailable = answers() ? null : "PostgreSQL does not answer at " + URL
                    + " (install Debian 'postgresql' and run src/test/servers/postgres.sh start, as .ci/run does)";
        }
        return unavailable;
    }

    private static boolean answers() {
        try (Connection c = DriverManager.getConnection(URL, USER, PASSWORD)) {
            return c.isValid(5);
        } catch (SQLException e) {
            return false;
        }
    }

    private static void startWithScript() {
        Path script = Path.of("src/test/servers/postgres.sh");
        if (!Files.isExecutable(script)) {
            return;
        }
        try {
            Process p = new ProcessBuilder(script.toString(), "start").inheritIO().start();
            if (!p.waitFor(90, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        } catch (Exception e) {
            System.err.println("Could not start PostgreSQL with " + script + ": " + e.getMessage());
        }
    }

    private static void execute(String sql) {
        try (Connection c = DriverManager.getConnection(URL, USER, PASSWORD); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL refused '" + sql + "': " + e.getMessage(), e);
        }
    }
}
