package dev.orgkit.internal;

import dev.orgkit.spi.SecretHash;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;

/**
 * Randomness and hashing for ids and secrets, from one injected generator (a {@code SecureRandom}
 * unless a test injects a seeded one). Thread-safe when the generator is.
 */
public final class Secrets {
    /** Bytes of randomness in an invitation token: 256 bits. */
    public static final int TOKEN_BYTES = 32;

    private static final Base64.Encoder URL_SAFE = Base64.getUrlEncoder().withoutPadding();
    private static final HexFormat HEX = HexFormat.of();

    private final RandomGenerator random;
    private final AtomicLong lastEventSequence = new AtomicLong();

    /** Uses {@code random} for every id and secret. */
    public Secrets(RandomGenerator random) {
        this.random = random;
    }

    /** A new URL-safe token with {@value #TOKEN_BYTES} random bytes (43 characters). */
    public String newToken() {
        return URL_SAFE.encodeToString(bytes(TOKEN_BYTES));
    }

    /** A new id: the prefix, an underscore and 128 random bits in hex. */
    public String newId(String prefix) {
        return prefix + "_" + HEX.formatHex(bytes(16));
    }

    /**
     * A new audit event id that sorts after every id this instance made before, and roughly by time
     * across instances: 16 hex digits of (milliseconds, counter), then 32 random bits.
     */
    public String newEventId(long epochMillis) {
        long sequence = lastEventSequence.updateAndGet(last -> Math.max(last + 1, epochMillis << 12));
        return String.format("%016x", sequence) + HEX.formatHex(bytes(4));
    }

    private byte[] bytes(int count) {
        byte[] bytes = new byte[count];
        random.nextBytes(bytes);
        return bytes;
    }

    /** The 62 characters of base62, in the order of their values. */
    static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    // One digest per thread: looking a MessageDigest up costs more than hashing a key.
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(Secrets::newSha256);

    /** {@code count} characters drawn uniformly from the base62 alphabet. */
    public String base62(int count) {
        char[] chars = new char[count];
        for (int i = 0; i < count; i++) {
            chars[i] = BASE62.charAt(random.nextInt(BASE62.length()));
        }
        return new String(chars);
    }

    /** The SHA-256 of a secret's UTF-8 bytes. */
    public static SecretHash sha256(String secret) {
        return sha256(secret.getBytes(StandardCharsets.UTF_8));
    }

    /** The SHA-256 of a secret's bytes. */
    public static SecretHash sha256(byte[] secret) {
        // digest() leaves the MessageDigest reset, ready for the next use on this thread.
        return SecretHash.ofDigest(SHA_256.get().digest(secret));
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
