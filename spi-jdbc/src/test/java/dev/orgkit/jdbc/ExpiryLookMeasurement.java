package dev.orgkit.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Measures, by hand, the look that schedules API key expiry notices (once a minute per instance) on
 * a table of 200,000 keys: a quarter with an expiry spread over two years, one in ten revoked, and
 * the keys expiring within the 7-day lead time already notified, so the look finds nothing, as in
 * most rounds. Once with the index of migration 9, once after dropping it; then how long building
 * the index takes. It prints medians and asserts nothing.
 *
 * <pre>{@code
 * ORGKIT_POSTGRES_URL=jdbc:postgresql://127.0.0.1:5432/test?user=postgres \
 *   mvn -B -ntp verify -pl spi-jdbc -am -Dorgkit.excludedGroups= -Dgroups=measurement -Dtest=ExpiryLookMeasurement \
 *   -Dsurefire.failIfNoSpecifiedTests=false
 * }</pre>
 */
@Tag("measurement")
class ExpiryLookMeasurement {
    private static final int KEYS = 200_000;
    private static final Duration LEAD_TIME = Duration.ofDays(7);
    private static final int WARM_UP = 20;
    private static final int CALLS = 100;

    @Test
    void the_expiry_look_on_200_000_keys_with_and_without_its_index() throws Exception {
        TestDatabase.onEveryConfiguredDatabase(ExpiryLookMeasurement::measure);
    }

    private static void measure(TestDatabase database) throws SQLException {
        var pool = database.recommendedPool(2);
        JdbcStorage storage = JdbcStorage.migrate(pool);
        Instant now = Instant.now();
        int due;
        try (Connection connection = pool.getConnection()) {
            TestDatabase.insertOrganization(connection, "org_keys", 1);
            due = insertKeys(connection, now);
            analyze(database, connection);
        }
        report(database.kind, "with the index (" + due + " due, all notified)", time(storage, now));
        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(database.kind.equals("mariadb")
                    ? "DROP INDEX orgkit_api_keys_expiring ON orgkit_api_keys" : "DROP INDEX orgkit_api_keys_expiring");
            analyze(database, connection);
        }
        report(database.kind, "without the index", time(storage, now));
        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
            String create = Migrations.bundled(Dialect.of(connection)).stream().filter(m -> m.version() == 9)
                    .findFirst().orElseThrow().script().lines().filter(line -> !line.startsWith("--"))
                    .reduce("", (a, b) -> a + " " + b).strip().replaceAll(";$", "");
            long start = System.nanoTime();
            statement.execute(create);
            System.out.printf("EXPIRY-LOOK %-10s building the index of migration 9 on %,d keys: %.0f ms%n",
                    database.kind, KEYS, (System.nanoTime() - start) / 1e6);
        }
    }

    /** Inserts the keys and a SENT notice for each key due within the lead time; returns how many are due. */
    private static int insertKeys(Connection connection, Instant now) throws SQLException {
        int due = 0;
        connection.setAutoCommit(false);
        try (PreparedStatement key = connection.prepareStatement("""
                INSERT INTO orgkit_api_keys (account_id, key_id, name, environment, hint, created_by, created_at,
                    expires_at, revoked_at, key_hash)
                VALUES ('org_keys', ?, 'key', 'LIVE', 'ok_live_x...y', 'u-000000', ?, ?, ?, ?)""");
                PreparedStatement notice = connection.prepareStatement("""
                        INSERT INTO orgkit_notices (account_id, kind, subject, status, attempts, next_attempt_at)
                        VALUES ('org_keys', 'KEY_EXPIRY', ?, 'SENT', 1, ?)""")) {
            for (int i = 0; i < KEYS; i++) {
                String id = String.format("key_%08d", i);
                Instant expiry = i % 4 == 0 ? now.plus(Duration.ofHours(1 + (i * 7L) % (2 * 365 * 24))) : null;
                boolean revoked = i % 10 == 1;
                key.setString(1, id);
                key.setTimestamp(2, Timestamp.from(now));
                key.setTimestamp(3, expiry == null ? null : Timestamp.from(expiry));
                key.setTimestamp(4, revoked ? Timestamp.from(now) : null);
                key.setString(5, String.format("%064x", i));
                key.addBatch();
                if (expiry != null && !revoked && expiry.isBefore(now.plus(LEAD_TIME))) {
                    notice.setString(1, id);
                    notice.setTimestamp(2, Timestamp.from(now));
                    notice.addBatch();
                    due++;
                }
                if (i % 1000 == 999) {
                    key.executeBatch();
                    notice.executeBatch();
                }
            }
            key.executeBatch();
            notice.executeBatch();
            connection.commit();
        } finally {
            connection.setAutoCommit(true);
        }
        return due;
    }

    private static void analyze(TestDatabase database, Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            switch (database.kind) {
                case "postgresql" -> statement.execute("ANALYZE");
                case "mariadb" -> statement.execute("ANALYZE TABLE orgkit_api_keys, orgkit_notices");
                default -> statement.execute("ANALYZE");
            }
        }
    }

    private static long[] time(JdbcStorage storage, Instant now) {
        // A window a millisecond later each call: H2 would answer a repeated query from its result cache.
        for (int i = 0; i < WARM_UP; i++) {
            look(storage, now.plusMillis(i));
        }
        long[] nanos = new long[CALLS];
        for (int i = 0; i < CALLS; i++) {
            long start = System.nanoTime();
            look(storage, now.plusMillis(WARM_UP + i));
            nanos[i] = System.nanoTime() - start;
        }
        return nanos;
    }

    private static void look(JdbcStorage storage, Instant now) {
        int found = storage.read(tx -> tx.apiKeys().expiringWithoutNotice(now, now.plus(LEAD_TIME), 50)).size();
        if (found != 0) {
            throw new AssertionError("every key due was notified, yet the look found " + found);
        }
    }

    private static void report(String database, String what, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        System.out.printf("EXPIRY-LOOK %-10s %-40s median %8.2f ms   p90 %8.2f ms   (%d calls)%n", database, what,
                sorted[sorted.length / 2] / 1e6, sorted[sorted.length * 9 / 10] / 1e6, sorted.length);
    }
}
