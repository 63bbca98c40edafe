package dev.orgkit.reliability;

import static org.assertj.core.api.Assertions.assertThat;
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
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * A regression test for the reliability harness's first finding on MariaDB: an admin's
 * {@code revoke} or {@code roll} deadlocked with the usage flush of the same key. The flush inserted
 * usage rows first (InnoDB's foreign key check takes a shared lock on the key's row) and then
 * updated the key's {@code last_used_at} (an exclusive lock: an upgrade); a revoke that meanwhile
 * asked for the exclusive lock on that row made a cycle, and InnoDB rolled the revoke back (SQLState
 * 40001): 2 of 200 revokes failed here. The flush now updates the key's row first, whatever its
 * last-used time, so it holds the exclusive lock before the foreign key check. PostgreSQL's foreign
 * key lock (FOR KEY SHARE) does not conflict with the revoke's update, so it was not affected.
 */
class MariaDbUsageFlushDeadlockTest {
    @Test
    void revoking_a_key_never_deadlocks_with_the_usage_flush() throws Exception {
        String url = System.getenv("ORGKIT_MARIADB_URL");
        assumeTrue(url != null && !url.isBlank(), "ORGKIT_MARIADB_URL is not set");
        Database database = Database.of(url, "dl" + Long.toString(ThreadLocalRandom.current().nextLong() >>> 1, 36)
                .substring(0, 6).toLowerCase(Locale.ROOT));
        database.create();
        try (HikariDataSource pool = database.pool("w0", 6);
                OrgKit kit = OrgKit.builder()
                        .storage(JdbcStorage.migrate(pool).withApiKeyCache(1_000, Duration.ofSeconds(1)))
                        .mailer(mail -> { }).build()) {
            UserPrincipal admin = Population.user(0);
            Organization org = kit.organizations().create(admin,
                    new NewOrganization("Acme", "Acme SAS", "alerts@acme.example", "billing@acme.example"));
            // Keys verified from the moment they exist: the first flush of each inserts its usage row
            // (the foreign key check takes the shared lock), while the admin revokes it.
            List<CreatedApiKey> keys = new CopyOnWriteArrayList<>();
            var running = new AtomicBoolean(true);
            var failures = new ConcurrentLinkedQueue<String>();
            Thread verifier = new Thread(() -> {
                while (running.get()) {
                    keys.forEach(k -> kit.apiKeys().verify(k.secret()));
                }
            });
            Thread flusher = new Thread(() -> {
                while (running.get()) {
                    try {
                        kit.apiKeys().flushUsage();
                    } catch (StorageException e) {
                        failures.add("flush: " + sqlState(e));
                    }
                }
            });
            verifier.start();
            flusher.start();
            try {
                for (int i = 0; i < 200; i++) {
                    CreatedApiKey key = kit.apiKeys().create(admin, org.id(), new NewApiKey("k" + i));
                    keys.add(key);
                    Thread.sleep(ThreadLocalRandom.current().nextInt(1, 20));
                    try {
                        kit.apiKeys().revoke(admin, key.apiKey().id());
                    } catch (StorageException e) {
                        failures.add("revoke of key " + i + ": " + sqlState(e));
                    }
                }
            } finally {
                running.set(false);
                verifier.join();
                flusher.join();
            }

            assertThat(failures).as("commands that failed on the storage").isEmpty();
        } finally {
            database.drop();
        }
    }

    private static String sqlState(StorageException e) {
        return e.getCause() instanceof SQLException sql ? "SQLState " + sql.getSQLState() : String.valueOf(e.getCause());
    }
}
