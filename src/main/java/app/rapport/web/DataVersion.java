package app.rapport.web;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * A number that changes after every committed change to the database, so views built from the database can be kept
 * and reused for exactly as long as nothing they read can have changed.
 * <p>
 * It is counted where every write passes: the connections of the application's data source. A statement other than
 * a plain read marks its connection as having written; the number moves on when that work is committed (or right
 * after the statement when the connection commits each statement by itself). Moving on after the commit, not before,
 * is what keeps a view from being kept under a number that outlived the change: a view is always read after the
 * number it is filed under was taken, and any commit after that point moves the number past it.
 */
final class DataVersion {

    private static final Logger log = LoggerFactory.getLogger(DataVersion.class);

    private final AtomicLong version = new AtomicLong();

    long current() {
        return version.get();
    }

    void changed() {
        version.incrementAndGet();
    }

    /** The data source whose connections report their committed writes here. */
    DataSource watch(DataSource target) {
        return new Watched(target, this);
    }

    /** True for statements that cannot change data: plain queries. Anything else counts as a write. */
    static boolean readsOnly(String sql) {
        if (sql == null) {
            return false;
        }
        String s = sql.stripLeading();
        if (s.length() < 6) {
            return false;
        }
        String head = s.substring(0, 6).toLowerCase(Locale.ROOT);
        return head.equals("select") || head.startsWith("values");
    }

    private static final class Watched extends DelegatingDataSource {

        private final DataVersion version;

        Watched(DataSource target, DataVersion version) {
            super(target);
            this.version = version;
        }

        @Override
        public Connection getConnection() throws SQLException {
            return watch(super.getConnection());
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            return watch(super.getConnection(username, password));
        }

        private Connection watch(Connection connection) {
            return (Connection) Proxy.newProxyInstance(DataVersion.class.getClassLoader(),
                    new Class<?>[] {Connection.class}, new ConnectionWatch(connection, version));
        }
    }

    private static final class ConnectionWatch implements InvocationHandler {

        private final Connection target;
        private final DataVersion version;
        private boolean wrote;

        ConnectionWatch(Connection target, DataVersion version) {
            this.target = target;
            this.version = version;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            String name = method.getName();
            try {
                switch (name) {
                    case "equals":
                        return proxy == args[0];
                    case "hashCode":
                        return System.identityHashCode(proxy);
                    case "unwrap":
                        if (((Class<?>) args[0]).isInstance(proxy)) {
                            return proxy;
                        }
                        break;
                    default:
                        break;
                }
                Object result = method.invoke(target, args);
                return switch (name) {
                    case "createStatement" -> statement(result, Statement.class, null);
                    case "prepareStatement" -> statement(result, PreparedStatement.class, (String) args[0]);
                    case "prepareCall" -> statement(result, CallableStatement.class, (String) args[0]);
                    default -> result;
                };
            } catch (InvocationTargetException e) {
                throw e.getCause();
            } finally {
                // A commit, a rollback after partial work, or switching back to auto-commit (which commits) all end
                // the pending work; the number moves on once it is final.
                if (wrote && (name.equals("commit") || name.equals("rollback") || name.equals("close")
                        || (name.equals("setAutoCommit") && Boolean.TRUE.equals(args[0])))) {
                    wrote = false;
                    version.changed();
                }
            }
        }

        private Object statement(Object statement, Class<?> type, String preparedSql) {
            return Proxy.newProxyInstance(DataVersion.class.getClassLoader(), new Class<?>[] {type},
                    new StatementWatch((Statement) statement, preparedSql, this));
        }

        void executed(boolean write, String sql) throws SQLException {
            if (!write) {
                return;
            }
            if (target.getAutoCommit()) {
                version.changed();
                log.trace("Data changed by: {}", sql);
            } else {
                wrote = true;
                log.trace("Data changes pending commit: {}", sql);
            }
        }
    }

    /** True when a plain insert, update, delete or merge reports that it touched no row. */
    static boolean changedNothing(String method, String sql, Object result) {
        if (!isRowChange(sql)) {
            return false;
        }
        return switch (result) {
            case Integer n when method.equals("executeUpdate") -> n == 0;
            case Long n when method.equals("executeLargeUpdate") -> n == 0;
            case int[] counts -> java.util.Arrays.stream(counts).allMatch(n -> n == 0);
            case long[] counts -> java.util.Arrays.stream(counts).allMatch(n -> n == 0);
            case null, default -> false;
        };
    }

    private static boolean isRowChange(String sql) {
        if (sql == null) {
            return false;
        }
        String s = sql.stripLeading().toLowerCase(Locale.ROOT);
        return s.startsWith("update") || s.startsWith("delete") || s.startsWith("insert") || s.startsWith("merge");
    }

    private static final class StatementWatch implements InvocationHandler {

        private final Statement target;
        private final String preparedSql;
        private final ConnectionWatch connection;
        private boolean batchWrites;

        StatementWatch(Statement target, String preparedSql, ConnectionWatch connection) {
            this.target = target;
            this.preparedSql = preparedSql;
            this.connection = connection;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            String name = method.getName();
            if (name.equals("equals")) {
                return proxy == args[0];
            }
            if (name.equals("hashCode")) {
                return System.identityHashCode(proxy);
            }
            if (name.equals("addBatch")) {
                batchWrites = true;
            }
            boolean executes = name.startsWith("execute");
            Object result = null;
            boolean failed = true;
            try {
                result = method.invoke(target, args);
                failed = false;
                return result;
            } catch (InvocationTargetException e) {
                throw e.getCause();
            } finally {
                if (executes) {
                    String sql = args != null && args.length > 0 && args[0] instanceof String s ? s : preparedSql;
                    boolean write = name.contains("Update") || name.contains("Batch") || batchWrites
                            || !readsOnly(sql);
                    if (name.contains("Batch")) {
                        batchWrites = false;
                    }
                    // An update or delete that matched no row changed nothing (a periodic "claim what is due" does
                    // this all day); when the count is unknown, or the statement failed, it counts as a change.
                    if (write && !failed && changedNothing(name, sql, result)) {
                        write = false;
                    }
                    connection.executed(write, sql);
                }
            }
        }
    }
}
