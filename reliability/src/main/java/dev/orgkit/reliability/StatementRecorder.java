package dev.orgkit.reliability;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * A {@link DataSource} wrapper that records, while recording is on in the calling thread, every
 * statement orgkit sends with its parameters, and where transactions begin and end: the load
 * comparison turns one command's recording into a pgbench script of the same statements.
 */
final class StatementRecorder {
    /** One statement as sent: its SQL and its parameters by position; or BEGIN / COMMIT / ROLLBACK. */
    record Sent(String sql, List<Object> parameters) {}

    private final ThreadLocal<List<Sent>> recording = new ThreadLocal<>();

    /** Starts recording what the calling thread sends. */
    void start() {
        recording.set(new ArrayList<>());
    }

    /** Stops recording and returns what was sent. */
    List<Sent> stop() {
        List<Sent> sent = recording.get();
        recording.remove();
        return sent;
    }

    DataSource wrap(DataSource dataSource) {
        return proxy(DataSource.class, dataSource, (target, method, args) -> {
            Object result = invoke(target, method, args);
            return result instanceof Connection c ? connection(c) : result;
        });
    }

    private Connection connection(Connection connection) {
        return proxy(Connection.class, connection, (target, method, args) -> {
            String name = method.getName();
            if (name.equals("setAutoCommit") && Boolean.FALSE.equals(args[0])) {
                note(connection.isReadOnly() ? "BEGIN READ ONLY" : "BEGIN", List.of());
            } else if (name.equals("commit") || name.equals("rollback") && (args == null || args.length == 0)) {
                note(name.toUpperCase(Locale.ROOT), List.of());
            }
            Object result = invoke(target, method, args);
            if (result instanceof PreparedStatement ps && name.equals("prepareStatement")) {
                return prepared(ps, (String) args[0]);
            }
            if (result instanceof Statement s && name.equals("createStatement")) {
                return plain(s);
            }
            return result;
        });
    }

    private PreparedStatement prepared(PreparedStatement statement, String sql) {
        var parameters = new TreeMap<Integer, Object>();
        return proxy(PreparedStatement.class, statement, (target, method, args) -> {
            String name = method.getName();
            if (name.startsWith("set") && args != null && args.length >= 2 && args[0] instanceof Integer index) {
                parameters.put(index, name.equals("setNull") ? "NULL" : args[1]);
            } else if (name.equals("addBatch") || name.startsWith("execute") && !name.contains("Batch")
                    && (args == null || args.length == 0)) {
                note(sql, new ArrayList<>(parameters.values()));
            }
            return invoke(target, method, args);
        });
    }

    private Statement plain(Statement statement) {
        return proxy(Statement.class, statement, (target, method, args) -> {
            if (method.getName().startsWith("execute") && args != null && args.length >= 1 && args[0] instanceof String sql) {
                note(sql, List.of());
            }
            return invoke(target, method, args);
        });
    }

    private void note(String sql, List<Object> parameters) {
        List<Sent> sent = recording.get();
        if (sent != null) {
            sent.add(new Sent(sql, parameters));
        }
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private interface Handler {
        Object handle(Object target, Method method, Object[] args) throws Throwable;
    }

    private static <T> T proxy(Class<T> type, T target, Handler handler) {
        InvocationHandler h = (proxy, method, args) -> {
            if (method.getName().equals("unwrap") || method.getName().equals("isWrapperFor")) {
                return invoke(target, method, args);
            }
            return handler.handle(target, method, args);
        };
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, h));
    }
}
