package dev.orgkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orgkit.ConflictException;
import dev.orgkit.InvalidInputException;
import dev.orgkit.OrgKit;
import dev.orgkit.Principal;
import dev.orgkit.UserPrincipal;
import dev.orgkit.account.NewOrganization;
import dev.orgkit.account.Organization;
import dev.orgkit.apikey.CreatedApiKey;
import dev.orgkit.apikey.KeyVerification.Code;
import dev.orgkit.apikey.NewApiKey;
import dev.orgkit.spi.SecretHash;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What API keys need from JDBC beyond the storage contract: verification is one indexed query that
 * writes nothing, the optional cache forgets a revocation made through it at once and hears one
 * made elsewhere (within its time to live even when it cannot hear), and no table holds a secret.
 */
abstract class JdbcApiKeysContract {
    private static final UserPrincipal ANA = Principal.user("u-ana", "ana@example.com");

    /** The database of this run, migrated. */
    protected abstract TestDatabase database();

    /** A migrated pool on {@link #database()}, shared by the run. */
    protected abstract DataSource dataSource();

    @BeforeEach
    void startEmpty() throws SQLException {
        TestDatabase.empty(dataSource());
    }

    @Test
    void a_verification_that_misses_the_cache_is_exactly_one_query_and_writes_nothing() {
        List<String> statements = new ArrayList<>();
        JdbcStorage counted = JdbcStorage.create(counting(dataSource(), statements));
        OrgKit kit = kit(JdbcStorage.create(dataSource()));
        String secret = kit.apiKeys().create(ANA, acme(kit).id(), new NewApiKey("ci")).secret();

        statements.clear();
        assertThat(counted.apiKeyByHash(sha256(secret))).isPresent();
        assertThat(statements).singleElement().satisfies(sql ->
                assertThat(sql.strip()).startsWith("SELECT").contains("WHERE key_hash = ?"));

        statements.clear();
        assertThat(kit(counted).apiKeys().verify(secret).code()).isEqualTo(Code.VALID);
        assertThat(kit(counted).apiKeys().verify("ok_live_not_even_the_right_length").code()).isEqualTo(Code.MALFORMED);
        assertThat(statements).as("one query for the valid key, none for the malformed one").hasSize(1);
    }

    @Test
    void the_lookup_by_hash_uses_the_unique_index_of_key_hashes() throws SQLException {
        OrgKit kit = kit(JdbcStorage.create(dataSource()));
        Organization org = acme(kit);
        String secret = "";
        for (int i = 0; i < 20; i++) {
            secret = kit.apiKeys().create(ANA, org.id(), new NewApiKey("key " + i)).secret();
        }
        // A hash that exists: MariaDB answers "impossible WHERE" for one that does not, naming no index.
        String hash = sha256(secret).hex();
        String plan;
        try (Connection connection = dataSource().getConnection(); Statement statement = connection.createStatement()) {
            if (database().kind.equals("postgresql")) {
                // A table of 20 rows is read whole more cheaply; the question is whether the index serves the query.
                statement.execute("SET enable_seqscan = off");
            }
            String explained = JdbcApiKeyStore.BY_HASH.replace("?", "'" + hash + "'");
            plan = explain(statement, explained);
            if (database().kind.equals("postgresql")) {
                statement.execute("RESET enable_seqscan");
            }
        }
        assertThat(plan.toLowerCase(Locale.ROOT)).contains("orgkit_api_keys_by_hash");
    }

    @Test
    void the_look_for_keys_whose_expiry_notice_is_due_uses_the_index_of_expiries() throws SQLException {
        OrgKit kit = kit(JdbcStorage.create(dataSource()));
        Organization org = acme(kit);
        Instant now = Instant.now();
        for (int i = 0; i < 20; i++) {
            kit.apiKeys().create(ANA, org.id(), new NewApiKey("key " + i).expiringAt(now.plus(Duration.ofDays(10 + i))));
        }
        // The next notice round's window holds one key of the twenty.
        String look = JdbcApiKeyStore.EXPIRING_WITHOUT_NOTICE
                .replaceFirst("\\?", timestamp(now.plus(Duration.ofDays(9))))
                .replaceFirst("\\?", timestamp(now.plus(Duration.ofDays(10)).plusSeconds(60)))
                .replaceFirst("\\?", "100");
        String plan;
        try (Connection connection = dataSource().getConnection(); Statement statement = connection.createStatement()) {
            if (database().kind.equals("postgresql")) {
                statement.execute("SET enable_seqscan = off");
            }
            plan = explain(statement, look);
            if (database().kind.equals("postgresql")) {
                statement.execute("RESET enable_seqscan");
            }
        }
        assertThat(plan.toLowerCase(Locale.ROOT)).contains("orgkit_api_keys_expiring");
    }

    @Test
    void a_revocation_through_the_caching_storage_is_seen_at_once_even_for_a_cached_key() {
        var ticker = new AtomicLong();
        JdbcStorage cached = JdbcStorage.create(dataSource()).withApiKeyCache(100, Duration.ofMinutes(1),
                JdbcStorage.DEFAULT_CHANGE_POLL_INTERVAL, ticker::get);
        OrgKit kit = kit(cached);
        CreatedApiKey created = kit.apiKeys().create(ANA, acme(kit).id(), new NewApiKey("ci"));
        assertThat(kit.apiKeys().verify(created.secret()).code()).isEqualTo(Code.VALID);

        kit.apiKeys().revoke(ANA, created.apiKey().id());
        assertThat(kit.apiKeys().verify(created.secret()).code()).isEqualTo(Code.REVOKED);
    }

    @Test
    void a_revocation_through_another_instance_is_heard_long_before_the_cached_entry_expires() throws Exception {
        JdbcStorage caching = JdbcStorage.create(dataSource()).withApiKeyCache(100, Duration.ofMinutes(5),
                Duration.ofMillis(50));
        try (caching) {
            OrgKit cachingKit = kit(caching);
            OrgKit otherInstance = kit(JdbcStorage.create(dataSource()));
            Organization org = acme(cachingKit);
            CreatedApiKey revoked = cachingKit.apiKeys().create(ANA, org.id(), new NewApiKey("revoked"));
            CreatedApiKey rolled = cachingKit.apiKeys().create(ANA, org.id(), new NewApiKey("rolled"));
            assertThat(cachingKit.apiKeys().verify(revoked.secret()).code()).isEqualTo(Code.VALID);
            assertThat(cachingKit.apiKeys().verify(rolled.secret()).code()).isEqualTo(Code.VALID);

            otherInstance.apiKeys().revoke(ANA, revoked.apiKey().id());
            otherInstance.apiKeys().roll(ANA, rolled.apiKey().id(), Duration.ZERO);

            assertThat(firstAnswerOtherThanValid(cachingKit, revoked.secret())).isEqualTo(Code.REVOKED);
            assertThat(firstAnswerOtherThanValid(cachingKit, rolled.secret())).isEqualTo(Code.EXPIRED);
        }
    }

    @Test
    void a_revocation_that_rolls_back_announces_nothing() throws SQLException {
        OrgKit kit = kit(JdbcStorage.create(dataSource()));
        CreatedApiKey created = kit.apiKeys().create(ANA, acme(kit).id(), new NewApiKey("ci"));
        long before = changeVersion();

        assertThatThrownBy(() -> JdbcStorage.create(dataSource()).write(tx -> {
            tx.apiKeys().revoke(created.apiKey().id(), Instant.now());
            throw new IllegalStateException("rolled back on purpose");
        })).isInstanceOf(RuntimeException.class);
        assertThat(changeVersion()).isEqualTo(before);

        kit.apiKeys().revoke(ANA, created.apiKey().id());
        kit.apiKeys().revoke(ANA, created.apiKey().id());
        assertThat(changeVersion()).as("once, by the revocation that changed the key").isEqualTo(before + 1);
    }

    @Test
    void a_cache_that_cannot_hear_other_instances_falls_back_to_its_time_to_live() {
        var ticker = new AtomicLong();
        Duration timeToLive = Duration.ofSeconds(5);
        OrgKit cachingKit = kitWithDeafCache(timeToLive, ticker);
        OrgKit otherInstance = kit(JdbcStorage.create(dataSource()));
        CreatedApiKey created = cachingKit.apiKeys().create(ANA, acme(cachingKit).id(), new NewApiKey("ci"));
        assertThat(cachingKit.apiKeys().verify(created.secret()).code()).isEqualTo(Code.VALID);

        otherInstance.apiKeys().revoke(ANA, created.apiKey().id());
        assertThat(otherInstance.apiKeys().verify(created.secret()).code()).isEqualTo(Code.REVOKED);
        ticker.addAndGet(timeToLive.toNanos() - 1);
        assertThat(cachingKit.apiKeys().verify(created.secret()).code())
                .as("still served from the cache within its time to live").isEqualTo(Code.VALID);
        ticker.addAndGet(1);
        assertThat(cachingKit.apiKeys().verify(created.secret()).code()).isEqualTo(Code.REVOKED);
    }

    /**
     * Reliability finding 3: a revoke that finds the key already revoked (by another instance, or by
     * a transaction of this one that committed but has not yet moved the cache on) returns only once
     * this instance's cache no longer serves the key. The cache here cannot hear other instances, so
     * nothing else could make it forget.
     */
    @Test
    void a_revoke_that_finds_the_key_already_revoked_leaves_no_cached_answer_behind() {
        OrgKit cachingKit = kitWithDeafCache(Duration.ofMinutes(5), new AtomicLong());
        OrgKit otherInstance = kit(JdbcStorage.create(dataSource()));
        Organization org = acme(cachingKit);
        CreatedApiKey revoked = cachingKit.apiKeys().create(ANA, org.id(), new NewApiKey("revoked"));
        CreatedApiKey rolled = cachingKit.apiKeys().create(ANA, org.id(), new NewApiKey("rolled"));
        assertThat(cachingKit.apiKeys().verify(revoked.secret()).code()).isEqualTo(Code.VALID);
        assertThat(cachingKit.apiKeys().verify(rolled.secret()).code()).isEqualTo(Code.VALID);
        otherInstance.apiKeys().revoke(ANA, revoked.apiKey().id());
        otherInstance.apiKeys().roll(ANA, rolled.apiKey().id(), Duration.ZERO);

        cachingKit.apiKeys().revoke(ANA, revoked.apiKey().id());
        assertThat(cachingKit.apiKeys().verify(revoked.secret()).code()).isEqualTo(Code.REVOKED);

        assertThatThrownBy(() -> cachingKit.apiKeys().roll(ANA, rolled.apiKey().id(), Duration.ZERO))
                .isInstanceOf(ConflictException.class);
        assertThat(cachingKit.apiKeys().verify(rolled.secret()).code()).isEqualTo(Code.EXPIRED);
    }

    /**
     * Reliability finding 4: deleting an organization whose key another instance revoked a moment
     * ago (so that the delete itself has no key left to revoke) returns only once this instance's
     * cache no longer serves that key.
     */
    @Test
    void deleting_an_organization_leaves_none_of_its_keys_cached_even_one_another_instance_revoked() {
        OrgKit cachingKit = kitWithDeafCache(Duration.ofMinutes(5), new AtomicLong());
        OrgKit otherInstance = kit(JdbcStorage.create(dataSource()));
        Organization org = acme(cachingKit);
        CreatedApiKey created = cachingKit.apiKeys().create(ANA, org.id(), new NewApiKey("ci"));
        assertThat(cachingKit.apiKeys().verify(created.secret()).code()).isEqualTo(Code.VALID);
        otherInstance.apiKeys().revoke(ANA, created.apiKey().id());

        cachingKit.organizations().delete(ANA, org.id(), "Acme");

        assertThat(cachingKit.apiKeys().verify(created.secret()).code()).isEqualTo(Code.REVOKED);
    }

    /**
     * A kit whose verification cache cannot hear other instances (its watcher closed before it
     * started), so only its own commands or its time to live, read from {@code ticker}, end an entry.
     */
    private OrgKit kitWithDeafCache(Duration timeToLive, AtomicLong ticker) {
        JdbcStorage caching = JdbcStorage.create(dataSource()).withApiKeyCache(100, timeToLive,
                JdbcStorage.DEFAULT_CHANGE_POLL_INTERVAL, ticker::get);
        caching.close();
        return kit(caching);
    }

    /** Verifies every 10 ms, for at most 30 s, until the answer is not VALID. */
    private static Code firstAnswerOtherThanValid(OrgKit kit, String secret) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        Code code = kit.apiKeys().verify(secret).code();
        while (code == Code.VALID && System.nanoTime() < deadline) {
            Thread.sleep(10);
            code = kit.apiKeys().verify(secret).code();
        }
        return code;
    }

    private long changeVersion() throws SQLException {
        try (Connection connection = dataSource().getConnection();
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(PollingKeyChangeWatcher.READ_VERSION)) {
            row.next();
            return row.getLong(1);
        }
    }

    @Test
    void the_cache_holds_at_most_its_bound_and_a_new_key_is_found_at_once() {
        JdbcStorage cached = JdbcStorage.create(dataSource()).withApiKeyCache(3, Duration.ofMinutes(1));
        OrgKit kit = kit(cached);
        Organization org = acme(kit);
        List<String> secrets = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String secret = kit.apiKeys().create(ANA, org.id(), new NewApiKey("key " + i)).secret();
            assertThat(kit.apiKeys().verify(secret).code()).isEqualTo(Code.VALID);
            secrets.add(secret);
        }
        for (String secret : secrets) {
            assertThat(kit.apiKeys().verify(secret).code()).isEqualTo(Code.VALID);
        }
        assertThat(cachedSize(cached)).isLessThanOrEqualTo(3);
        assertThatThrownBy(() -> JdbcStorage.create(dataSource()).withApiKeyCache(0, Duration.ofMinutes(6)))
                .isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).violations()).hasSize(2));
        assertThatThrownBy(() -> JdbcStorage.create(dataSource()).withApiKeyCache(1, Duration.ofMinutes(1),
                Duration.ofMillis(5))).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void no_table_holds_a_key_after_creating_rolling_verifying_and_flushing() throws SQLException {
        OrgKit kit = kit(JdbcStorage.create(dataSource()));
        Organization org = acme(kit);
        CreatedApiKey created = kit.apiKeys().create(ANA, org.id(), new NewApiKey("ci"));
        CreatedApiKey rolled = kit.apiKeys().roll(ANA, created.apiKey().id(), Duration.ofHours(1));
        kit.apiKeys().verify(created.secret());
        kit.apiKeys().verify(rolled.secret());
        assertThat(kit.apiKeys().flushUsage()).isEqualTo(2);
        kit.apiKeys().revoke(ANA, created.apiKey().id());

        String everything = dump(dataSource());
        assertThat(everything).contains(created.apiKey().id().value()).contains(sha256(created.secret()).hex());
        for (String secret : List.of(created.secret(), rolled.secret())) {
            assertThat(everything).doesNotContain(secret.substring(8)).doesNotContain(secret.substring(12, 36));
        }
    }

    // ---- helpers ----

    private static OrgKit kit(JdbcStorage storage) {
        return OrgKit.builder().storage(storage).mailer(mail -> { }).build();
    }

    private static Organization acme(OrgKit kit) {
        return kit.organizations().create(ANA,
                new NewOrganization("Acme", "Acme SAS", "alerts@acme.example", "billing@acme.example"));
    }

    private static SecretHash sha256(String secret) {
        try {
            return SecretHash.ofDigest(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    private static int cachedSize(JdbcStorage storage) {
        try {
            var field = JdbcStorage.class.getDeclaredField("cache");
            field.setAccessible(true);
            return ((ApiKeyCache) field.get(storage)).size();
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    /** A timestamp literal every dialect reads, in UTC, to the second. */
    private static String timestamp(Instant at) {
        return "TIMESTAMP '" + at.atOffset(java.time.ZoneOffset.UTC).toLocalDateTime().withNano(0).toString()
                .replace('T', ' ') + "'";
    }

    private String explain(Statement statement, String query) throws SQLException {
        StringBuilder plan = new StringBuilder();
        try (ResultSet rows = statement.executeQuery("EXPLAIN " + query)) {
            int columns = rows.getMetaData().getColumnCount();
            while (rows.next()) {
                for (int i = 1; i <= columns; i++) {
                    plan.append(rows.getString(i)).append(' ');
                }
                plan.append('\n');
            }
        }
        return plan.toString();
    }

    /** Every value of every orgkit table, as text. */
    private static String dump(DataSource dataSource) throws SQLException {
        StringBuilder all = new StringBuilder();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            for (String table : TestDatabase.TABLES) {
                try (ResultSet rows = statement.executeQuery("SELECT * FROM " + table)) {
                    int columns = rows.getMetaData().getColumnCount();
                    while (rows.next()) {
                        for (int i = 1; i <= columns; i++) {
                            all.append(rows.getString(i)).append('|');
                        }
                        all.append('\n');
                    }
                }
            }
        }
        return all.toString();
    }

    /** A data source whose connections record the SQL of every statement they prepare or create. */
    private static DataSource counting(DataSource target, List<String> statements) {
        return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    Object result = invoke(target, method, args);
                    if (result instanceof Connection connection) {
                        return Proxy.newProxyInstance(Connection.class.getClassLoader(),
                                new Class<?>[] {Connection.class}, (p, m, a) -> {
                                    if (m.getName().equals("prepareStatement") || m.getName().equals("prepareCall")) {
                                        statements.add((String) a[0]);
                                    } else if (m.getName().equals("createStatement")) {
                                        statements.add("<plain statement>");
                                    }
                                    return invoke(connection, m, a);
                                });
                    }
                    return result;
                });
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
