package dev.orgkit.benchmarks;

import dev.orgkit.OrgKit;
import dev.orgkit.apikey.KeyVerification;
import dev.orgkit.inmemory.InMemoryStorage;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
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
 * keeps it). DESIGN §8: in-memory verify within 1.5× of the floor.
 *
 * <p>A storage variant is a {@code @State} class that builds its kit with {@link Fixtures#keyed}
 * and one {@code @Benchmark} method that calls {@code verify} on it, as {@link InMemory} does.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ApiKeyVerifyBenchmark {

    /** The floor: a table of key hashes, and a digest per thread. */
    @State(Scope.Thread)
    public static class Floor {
        final Map<String, Object> table = new HashMap<>();
        final HexFormat hex = HexFormat.of();
        MessageDigest sha256;
        String secret;

        @Setup
        public void setUp() throws NoSuchAlgorithmException {
            sha256 = MessageDigest.getInstance("SHA-256");
            Fixtures.Keyed keyed = Fixtures.keyed(InMemoryStorage.create());
            secret = keyed.secret();
            // As many entries as an installation with some keys; the lookup is O(1) either way.
            for (int i = 0; i < 10_000; i++) {
                table.put(hex.formatHex(sha256.digest(("other-" + i).getBytes(StandardCharsets.UTF_8))), i);
            }
            table.put(hex.formatHex(sha256.digest(secret.getBytes(StandardCharsets.UTF_8))), keyed.organization());
            keyed.kit().close();
        }
    }

    /** A kit on the in-memory storage, with one key. */
    @State(Scope.Benchmark)
    public static class InMemory {
        OrgKit kit;
        String secret;
        String malformed;

        @Setup
        public void setUp() {
            Fixtures.Keyed keyed = Fixtures.keyed(InMemoryStorage.create());
            kit = keyed.kit();
            secret = keyed.secret();
            char last = secret.charAt(secret.length() - 1);
            malformed = secret.substring(0, secret.length() - 1) + (last == 'a' ? 'b' : 'a');
        }

        @TearDown
        public void tearDown() {
            kit.close();
        }
    }

    /** SHA-256 of the key, then one {@code HashMap} lookup of its hex: the least a verification costs. */
    @Benchmark
    public Object floor(Floor floor) {
        byte[] digest = floor.sha256.digest(floor.secret.getBytes(StandardCharsets.UTF_8));
        return floor.table.get(floor.hex.formatHex(digest));
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
}
