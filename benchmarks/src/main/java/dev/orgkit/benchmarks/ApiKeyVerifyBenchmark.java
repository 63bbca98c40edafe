package dev.orgkit.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import dev.orgkit.OrgKit;
import dev.orgkit.apikey.IpNetwork;
import dev.orgkit.apikey.KeyVerification;
import dev.orgkit.apikey.NewApiKey;
import dev.orgkit.apikey.RateLimit;
import dev.orgkit.apikey.VerifyContext;
import dev.orgkit.inmemory.InMemoryStorage;
import dev.orgkit.jdbc.JdbcStorage;
import dev.orgkit.spi.SecretHash;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * {@code apiKeys().verify} against its floor, in one run. The floor is what any verification must
 * do: SHA-256 of the presented key, and one hash-map lookup of the hash (as hex, the way storage
 * keeps it). DESIGN §8: in-memory verify within 1.5× of the floor; JDBC with a warm cache within
 * 2× of it; JDBC without a cache, one indexed query (a round trip) per verification.
 *
 * <p>A storage variant is a {@code @State} class that builds its kit with {@link Fixtures#keyed}
 * and one {@code @Benchmark} method that calls {@code verify} on it, as {@link InMemory} does.
 * Each variant verifies the same key over and over, so the cached variants measure warm hits.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ApiKeyVerifyBenchmark {

    /** The floor: a table of key hashes, and a digest per thread. */
    @State(Scope.Thread)
    public static class Floor {
        final Map<String, Object> table = new HashMap<>();
        final Map<SecretHash, Object> tableByBits = new HashMap<>();
        final HexFormat hex = HexFormat.of();
        MessageDigest sha256;
        String secret;

        /** Builds the state before the measurements. */
        @Setup
        public void setUp() throws NoSuchAlgorithmException {
            sha256 = MessageDigest.getInstance("SHA-256");
            Fixtures.Keyed keyed = Fixtures.keyed(InMemoryStorage.create());
            secret = keyed.secret();
            // As many entries as an installation with some keys; the lookup is O(1) either way.
            for (int i = 0; i < 10_000; i++) {
                byte[] digest = sha256.digest(("other-" + i).getBytes(StandardCharsets.UTF_8));
                table.put(hex.formatHex(digest), i);
                tableByBits.put(SecretHash.ofDigest(digest), i);
            }
            byte[] digest = sha256.digest(secret.getBytes(StandardCharsets.UTF_8));
            table.put(hex.formatHex(digest), keyed.organization());
            tableByBits.put(SecretHash.ofDigest(digest), keyed.organization());
            keyed.kit().close();
        }
    }

    /** A kit on the in-memory storage, with one key. */
    @State(Scope.Benchmark)
    public static class InMemory {
        OrgKit kit;
        String secret;
        String malformed;

        /** Builds the state before the measurements. */
        @Setup
        public void setUp() {
            Fixtures.Keyed keyed = Fixtures.keyed(InMemoryStorage.create());
            kit = keyed.kit();
            secret = keyed.secret();
            char last = secret.charAt(secret.length() - 1);
            malformed = secret.substring(0, secret.length() - 1) + (last == 'a' ? 'b' : 'a');
        }

        /** Closes what the state opened. */
        @TearDown
        public void tearDown() {
            kit.close();
        }
    }

    /** A kit on {@code storage}, with one key; closes what it opened. */
    abstract static class OnJdbc {
        OrgKit kit;
        String secret;
        HikariDataSource pool;

        void start(HikariDataSource dataSource, boolean cached) {
            pool = dataSource;
            JdbcStorage storage = JdbcStorage.migrate(dataSource);
            Fixtures.Keyed keyed = Fixtures.keyed(cached ? storage.withApiKeyCache(10_000, Duration.ofSeconds(5)) : storage);
            kit = keyed.kit();
            secret = keyed.secret();
        }
    }

    /** H2 in memory, no cache: one query per verification, in-process. */
    @State(Scope.Benchmark)
    public static class H2 extends OnJdbc {
        /** Builds the state before the measurements. */
        @Setup
        public void setUp() {
            start(Databases.h2(), false);
        }

        /** Closes what the state opened. */
        @TearDown
        public void tearDown() {
            kit.close();
            pool.close();
        }
    }

    /** H2 in memory, with the verification cache. */
    @State(Scope.Benchmark)
    public static class H2Cached extends OnJdbc {
        /** Builds the state before the measurements. */
        @Setup
        public void setUp() {
            start(Databases.h2(), true);
        }

        /** Closes what the state opened. */
        @TearDown
        public void tearDown() {
            kit.close();
            pool.close();
        }
    }

    /** PostgreSQL over TCP, no cache: one indexed query, one round trip, per verification. */
    @State(Scope.Benchmark)
    public static class Postgres extends OnJdbc {
        /** Builds the state before the measurements. */
        @Setup
        public void setUp() {
            start(Databases.postgres(), false);
        }

        /** Closes what the state opened. */
        @TearDown
        public void tearDown() {
            kit.close();
            Databases.dropPostgres(pool);
        }
    }

    /** PostgreSQL, with the verification cache. */
    @State(Scope.Benchmark)
    public static class PostgresCached extends OnJdbc {
        /** Builds the state before the measurements. */
        @Setup
        public void setUp() {
            start(Databases.postgres(), true);
        }

        /** Closes what the state opened. */
        @TearDown
        public void tearDown() {
            kit.close();
            Databases.dropPostgres(pool);
        }
    }

    /** SHA-256 of the key, then one {@code HashMap} lookup of its hex: the least a verification costs. */
    @Benchmark
    public Object floor(Floor floor) {
        byte[] digest = floor.sha256.digest(floor.secret.getBytes(StandardCharsets.UTF_8));
        return floor.table.get(floor.hex.formatHex(digest));
    }

    /**
     * The same floor with the key orgkit's index uses: the digest's 256 bits ({@link SecretHash}),
     * not its hex. The tightest floor; {@code verify} keys its in-memory index and cache this way.
     */
    @Benchmark
    public Object floorBits(Floor floor) {
        return floor.tableByBits.get(SecretHash.ofDigest(floor.sha256.digest(floor.secret.getBytes(StandardCharsets.UTF_8))));
    }

    /** {@code verify} of a valid key on the in-memory storage: format, hash, lookup, checks, usage count. */
    @Benchmark
    public KeyVerification verifyInMemory(InMemory state) {
        return state.kit.apiKeys().verify(state.secret);
    }

    /** {@code verify} of a key with a wrong checksum: rejected before hashing, without any lookup. */
    @Benchmark
    public KeyVerification verifyMalformed(InMemory state) {
        return state.kit.apiKeys().verify(state.malformed);
    }

    /** {@code verify} on H2 in memory without a cache. */
    @Benchmark
    public KeyVerification verifyH2(H2 state) {
        return state.kit.apiKeys().verify(state.secret);
    }

    /** {@code verify} on H2 with a warm cache. */
    @Benchmark
    public KeyVerification verifyH2Cached(H2Cached state) {
        return state.kit.apiKeys().verify(state.secret);
    }

    /** {@code verify} on PostgreSQL without a cache. */
    @Benchmark
    public KeyVerification verifyPostgres(Postgres state) {
        return state.kit.apiKeys().verify(state.secret);
    }

    /**
     * One round trip to PostgreSQL ({@code SELECT 1} on a pooled connection): what an uncached
     * verification cannot go below, next to which {@link #verifyPostgres} shows its one query.
     */
    @Benchmark
    public int roundTripPostgres(Postgres state) throws SQLException {
        try (Connection connection = state.pool.getConnection();
                PreparedStatement statement = connection.prepareStatement("SELECT 1");
                ResultSet row = statement.executeQuery()) {
            row.next();
            return row.getInt(1);
        }
    }

    /** {@code verify} on PostgreSQL with a warm cache. */
    @Benchmark
    public KeyVerification verifyPostgresCached(PostgresCached state) {
        return state.kit.apiKeys().verify(state.secret);
    }

    /**
     * A key with scopes, a rate limit it never reaches (10,000 per millisecond window) and allowed
     * networks, verified with a context that satisfies all three: what the restrictions add to
     * {@code verify}, in memory, after the same one lookup.
     */
    static final NewApiKey RESTRICTED = new NewApiKey("restricted")
            .withScopes(Set.of("documents:read", "documents:write"))
            .withRateLimit(RateLimit.MAX_REQUESTS, Duration.ofMillis(1))
            .withAllowedNetworks(Set.of("203.0.113.0/24", "2001:db8::/32"));
    static final VerifyContext CALL = VerifyContext.scope("documents:read")
            .clientAddress(IpNetwork.parse("203.0.113.7").address());

    /** A kit on the in-memory storage, with one restricted key. */
    @State(Scope.Benchmark)
    public static class InMemoryRestricted {
        OrgKit kit;
        String secret;

        /** Builds the state before the measurements. */
        @Setup
        public void setUp() {
            Fixtures.Keyed keyed = Fixtures.keyed(InMemoryStorage.create(), RESTRICTED, CALL);
            kit = keyed.kit();
            secret = keyed.secret();
        }

        /** Closes what the state opened. */
        @TearDown
        public void tearDown() {
            kit.close();
        }
    }

    /** PostgreSQL with the verification cache, with one restricted key. */
    @State(Scope.Benchmark)
    public static class PostgresCachedRestricted {
        OrgKit kit;
        String secret;
        HikariDataSource pool;
        JdbcStorage storage;

        /** Builds the state before the measurements. */
        @Setup
        public void setUp() {
            pool = Databases.postgres();
            storage = JdbcStorage.migrate(pool).withApiKeyCache(10_000, Duration.ofSeconds(5));
            Fixtures.Keyed keyed = Fixtures.keyed(storage, RESTRICTED, CALL);
            kit = keyed.kit();
            secret = keyed.secret();
        }

        /** Closes what the state opened. */
        @TearDown
        public void tearDown() {
            kit.close();
            storage.close();
            Databases.dropPostgres(pool);
        }
    }

    /** {@code verify(secret, context)} of a restricted key on the in-memory storage. */
    @Benchmark
    public KeyVerification verifyInMemoryRestricted(InMemoryRestricted state) {
        return state.kit.apiKeys().verify(state.secret, CALL);
    }

    /** {@code verify(secret, context)} of a restricted key on PostgreSQL with a warm cache. */
    @Benchmark
    public KeyVerification verifyPostgresCachedRestricted(PostgresCachedRestricted state) {
        return state.kit.apiKeys().verify(state.secret, CALL);
    }
}
