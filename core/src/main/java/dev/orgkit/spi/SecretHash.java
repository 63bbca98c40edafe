package dev.orgkit.spi;

import java.util.HexFormat;

/**
 * The SHA-256 of a secret (an invitation token, an API key), in lower-case hex. This, never the
 * secret, is what storage keeps and looks up by. A value: equal when the hex is equal.
 *
 * <p>A final class rather than a record so that {@link #ofDigest} can skip re-validating hex it
 * has just formatted: API key verification makes one of these on every call.
 *
 * @since 0.1.0
 */
public final class SecretHash {
    private static final HexFormat HEX = HexFormat.of();

    private final String hex;

    /**
     * A hash from its hex form, as read from storage.
     *
     * @param hex 64 lower-case hex digits
     */
    public SecretHash(String hex) {
        if (hex == null || !isLowerHex64(hex)) {
            throw new IllegalArgumentException("a SecretHash is 64 lower-case hex digits");
        }
        this.hex = hex;
    }

    private SecretHash(String hex, boolean trusted) {
        this.hex = hex;
    }

    /** The hash whose 32 bytes a SHA-256 digest returned. */
    public static SecretHash ofDigest(byte[] digest) {
        if (digest.length != 32) {
            throw new IllegalArgumentException("a SHA-256 digest has 32 bytes");
        }
        return new SecretHash(HEX.formatHex(digest), true);
    }

    /** The 64 lower-case hex digits. */
    public String hex() {
        return hex;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SecretHash that && hex.equals(that.hex);
    }

    @Override
    public int hashCode() {
        return hex.hashCode();
    }

    /** Names the type only: even a hash of a secret stays out of logs. */
    @Override
    public String toString() {
        return "SecretHash[hidden]";
    }

    private static boolean isLowerHex64(String text) {
        // A loop, not a regular expression: cheap enough for the verification hot path.
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
