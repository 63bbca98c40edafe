package dev.orgkit.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.zaxxer.hikari.HikariDataSource;
import dev.orgkit.OrgKit;
import dev.orgkit.StorageException;
import dev.orgkit.UserPrincipal;
import dev.orgkit.account.NewOrganization;
import dev.orgkit.account.Organization;
import dev.orgkit.apikey.CreatedApiKey;
import dev.orgkit.apikey.NewApiKey;
import dev.orgkit.jdbc.JdbcStorage;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.Statement;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A regression test for the reliability harness's second finding (MariaDB run {@code 15ciwki6},
 * seed 20261130): when a usage flush committed but its connection died before the acknowledgement
 * reached the client (the fault injector's {@code KILL} landed on the {@code COMMIT}),
 * {@code flushUsage} failed, kept the counts buffered, and the next flush wrote them again: 10
 * verifications were stored as 20. Each batch now carries an id that the storage records in the
 * same transaction, and a failed batch is retried unchanged, so the retry finds its id and adds
 * nothing. A connection whose {@code commit()} commits and then reports the connection lost
 * reproduces it deterministically: on H2 always, on PostgreSQL and MariaDB when
 * {@code ORGKIT_POSTGRES_URL} and {@code ORGKIT_MARIADB_URL} are set.
 */
class LostCommitAcknowledgementTest {

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql", "mariadb"})
    void a_usage_flush_whose_commit_acknowledgement_was_lost_counts_each_verification_once(String backend)
            throws Exception {
        Database database = null;
        HikariDataSource pool = null;
        DataSource target;
        if (backend.equals("h2")) {
            var h2 = new JdbcDataSource();
            h2.setURL("jdbc:h2:mem:lost-ack-" + ThreadLocalRandom.current().nextInt(1 << 30) + ";DB_CLOSE_DELAY=-1");
            target = h2;
        } else {
            String url = System.getenv(backend.equals("postgresql") ? "ORGKIT_POSTGRES_URL" : "ORGKIT_MARIADB_URL");
            assumeTrue(url != null && !url.isBlank(), "no URL for " + backend);
            database = Database.of(url, "la" + Long.toString(ThreadLocalRandom.current().nextLong() >>> 1, 36)
                    .substring(0, 6).toLowerCase(Locale.ROOT));
            database.create();
            pool = database.pool("w0", 2);
            target = pool;
        }
        try {
            var loseNextAcknowledgement = new AtomicBoolean();
            DataSource dataSource = losingAcknowledgements(target, loseNextAcknowledgement);
            try (OrgKit kit = OrgKit.builder().storage(JdbcStorage.migrate(dataSource)).mailer(mail -> { }).build()) {
                UserPrincipal admin = Population.user(0);
                Organization org = kit.organizations().create(admin,
                        new NewOrganization("Acme", "Acme SAS", "alerts@acme.example", "billing@acme.example"));
                CreatedApiKey key = kit.apiKeys().create(admin, org.id(), new NewApiKey("ci"));
                for (int i = 0; i < 10; i++) {
                    kit.apiKeys().verify(key.secret());
                }

                loseNextAcknowledgement.set(true);
                assertThatThrownBy(kit.apiKeys()::flushUsage).isInstanceOf(StorageException.class)
                        .hasMessageContaining("the outcome of the commit is unknown");
                assertThat(storedUsage(target)).as("what the failed flush committed").isEqualTo(10);
                kit.apiKeys().verify(key.secret());
                kit.apiKeys().flushUsage();

                assertThat(storedUsage(target)).as("usage stored for 11 valid verifications").isEqualTo(11);
            }
        } finally {
            if (pool != null) {
                pool.close();
            }
            if (database != null) {
                database.drop();
            }
        }
    }

    private static long storedUsage(DataSource dataSource) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT COALESCE(SUM(requests), 0) FROM orgkit_api_key_usage")) {
            r.next();
            return r.getLong(1);
        }
    }

    /** Connections whose next commit, once armed, commits and then throws as a dropped connection would. */
    private static DataSource losingAcknowledgements(DataSource target, AtomicBoolean armed) {
        return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    Object result = call(target, method, args);
                    if (!(result instanceof Connection connection)) {
                        return result;
                    }
                    return Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                            (p, m, a) -> {
                                Object r = call(connection, m, a);
                                if (m.getName().equals("commit") && armed.compareAndSet(true, false)) {
                                    throw new SQLNonTransientConnectionException("connection lost after COMMIT", "08006");
                                }
                                return r;
                            });
                });
    }

    private static Object call(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
