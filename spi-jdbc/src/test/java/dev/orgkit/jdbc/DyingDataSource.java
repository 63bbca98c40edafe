package dev.orgkit.jdbc;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLNonTransientConnectionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A data source whose connection can be made to die in the middle of a transaction: once armed,
 * just before the first statement whose SQL matches, it runs a killer on the physical connection
 * (close it, or have the server terminate it), then lets the statement go to the dead connection,
 * so that the failure is the driver's own. It can also make a commit lose its acknowledgement: the
 * database commits, then the connection dies before the client hears of it.
 */
final class DyingDataSource implements DataSource {
    /** Kills a connection. */
    @FunctionalInterface
    interface Killer {
        void kill(Connection victim) throws SQLException;
    }

    private record Trap(Predicate<String> sql, Killer killer) {}

    private final DataSource delegate;
    private final AtomicReference<Trap> trap = new AtomicReference<>();
    private final AtomicInteger kills = new AtomicInteger();
    private final AtomicBoolean loseCommitAcknowledgement = new AtomicBoolean();

    DyingDataSource(DataSource delegate) {
        this.delegate = delegate;
    }

    /** Kills the connection that next prepares a statement matching {@code sql}, once. */
    void killBefore(Predicate<String> sql, Killer killer) {
        trap.set(new Trap(sql, killer));
    }

    /**
     * Has the next commit, once, commit on the database and then close the connection and fail as a
     * connection that died before the acknowledgement arrived would.
     */
    void loseNextCommitAcknowledgement() {
        loseCommitAcknowledgement.set(true);
    }

    /** How many connections it killed. */
    int kills() {
        return kills.get();
    }

    @Override
    public Connection getConnection() throws SQLException {
        Connection real = delegate.getConnection();
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("commit") && loseCommitAcknowledgement.compareAndSet(true, false)) {
                        real.commit();
                        real.close();
                        kills.incrementAndGet();
                        throw new SQLNonTransientConnectionException("the connection died after COMMIT (simulated)",
                                "08006");
                    }
                    if (method.getName().equals("prepareStatement") && args != null && args[0] instanceof String sql) {
                        Trap armed = trap.get();
                        if (armed != null && armed.sql().test(sql) && trap.compareAndSet(armed, null)) {
                            armed.killer().kill(real);
                            kills.incrementAndGet();
                        }
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return delegate.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        delegate.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        delegate.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return delegate.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return delegate.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        return delegate.unwrap(type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws SQLException {
        return delegate.isWrapperFor(type);
    }
}
