package dev.orgkit.jdbc;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * A data source that counts the statements its connections prepare or create (each SQL statement
 * orgkit runs is one), so that a test can say how many statements a command takes.
 */
final class StatementCounter {
    private final AtomicInteger statements = new AtomicInteger();
    private final DataSource counted;

    StatementCounter(DataSource target) {
        InvocationHandler onDataSource = (proxy, method, args) -> {
            Object result = invoke(target, method, args);
            return result instanceof Connection connection ? counting(connection) : result;
        };
        this.counted = (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(),
                new Class<?>[] {DataSource.class}, onDataSource);
    }

    private Connection counting(Connection connection) {
        InvocationHandler onConnection = (proxy, method, args) -> {
            String name = method.getName();
            if (name.equals("prepareStatement") || name.equals("createStatement") || name.equals("prepareCall")) {
                statements.incrementAndGet();
            }
            return invoke(connection, method, args);
        };
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                new Class<?>[] {Connection.class}, onConnection);
    }

    private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** The data source whose connections are counted. */
    DataSource dataSource() {
        return counted;
    }

    /** How many statements were prepared or created so far. */
    int statements() {
        return statements.get();
    }
}
