package dev.orgkit.spi;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.HexFormat;
import org.jspecify.annotations.Nullable;

/**
 * The SHA-256 of a secret (an invitation token, an API key). This, never the secret, is what
 * storage keeps and looks up by; {@link #hex()} is its lower-case hex form, as databases store it.
 * A value: equal when the 256 bits are equal.
 *
 * <p>A final class rather than a record because API key verification makes one of these and looks
 * it up on every call: it holds the 256 bits as four longs, so that {@link #ofDigest} needs no
 * formatting or re-validation, {@link #hashCode()} is the first 32 bits rather than a hash of 64
 * characters, and {@link #equals} compares in constant time (no early exit on the first differing
 * bit). The hex form is made only when asked for.
 *
 * @since 0.1.0
 */
public final class SecretHash {
    private static final HexFormat HEX = HexFormat.of();
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private final long bits0;
    private final long bits1;
    private final long bits2;
    private final long bits3;
    /** Made on first use; a benign race, as String's own hash: every thread computes the same value. */
    private @Nullable String hex;

    /**
     * A hash from its hex form, as read from storage.
     *
     * @param hex 64 lower-case hex digits
     */
    public SecretHash(String hex) {
        if (hex == null || !isLowerHex64(hex)) {
            throw new IllegalArgumentException("a SecretHash is 64 lower-case hex digits");
        }
        this.bits0 = Long.parseUnsignedLong(hex, 0, 16, 16);
        this.bits1 = Long.parseUnsignedLong(hex, 16, 32, 16);
        this.bits2 = Long.parseUnsignedLong(hex, 32, 48, 16);
        this.bits3 = Long.parseUnsignedLong(hex, 48, 64, 16);
        this.hex = hex;
    }

    private SecretHash(byte[] digest) {
        this.bits0 = (long) LONGS.get(digest, 0);
        this.bits1 = (long) LONGS.get(digest, 8);
        this.bits2 = (long) LONGS.get(digest, 16);
        this.bits3 = (long) LONGS.get(digest, 24);
    }

    /** The hash whose 32 bytes a SHA-256 digest returned. */
    public static SecretHash ofDigest(byte[] digest) {
        if (digest.length != 32) {
            throw new IllegalArgumentException("a SHA-256 digest has 32 bytes");
        }
        return new SecretHash(digest);
    }

    /** The 64 lower-case hex digits. */
    public String hex() {
        String text = hex;
        if (text == null) {
            byte[] digest = new byte[32];
            LONGS.set(digest, 0, bits0);
            LONGS.set(digest, 8, bits1);
            LONGS.set(digest, 16, bits2);
            LONGS.set(digest, 24, bits3);
            text = HEX.formatHex(digest);
            hex = text;
        }
        return text;
    }

    /** Whether {@code other} is the same hash; the time taken does not depend on where two hashes differ. */
    @Override
    public boolean equals(Object other) {
        return other instanceof SecretHash that
                && ((bits0 ^ that.bits0) | (bits1 ^ that.bits1) | (bits2 ^ that.bits2) | (bits3 ^ that.bits3)) == 0;
    }

    /** The first 32 bits of the hash. */
    @Override
    public int hashCode() {
        return (int) (bits0 >>> 32);
    }

    /** Names the type only: even a hash of a secret stays out of logs. */
    @Override
    public String toString() {
        return "SecretHash[hidden]";
    }

    // A loop, not a regular expression.
    private static boolean isLowerHex64(String text) {
        if (text.length() != 64) {
            return false;
        }
        for (int i = 0; i < 64; i++) {
            char c = text.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }
}
