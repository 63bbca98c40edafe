package dev.orgkit.internal;

import dev.orgkit.apikey.Environment;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.zip.CRC32;
import org.jspecify.annotations.Nullable;

/**
 * The text of an API key: {@code <prefix>_<live|test>_<30 random base62><6 base62 CRC32>}. The 30
 * random characters carry about 178 bits; the checksum (the CRC32 of the random part, as 6 base62
 * digits) lets the verifier and secret scanners reject a typo or junk without any lookup.
 * Immutable and thread-safe.
 */
public final class ApiKeyFormat {
    /** Random characters in a key. */
    public static final int RANDOM_LENGTH = 30;
    /** Checksum characters in a key. */
    public static final int CHECKSUM_LENGTH = 6;
    /** The longest prefix a host may choose. */
    public static final int MAX_PREFIX_LENGTH = 16;
    /** The prefix when the host chooses none. */
    public static final String DEFAULT_PREFIX = "ok";

    private static final Pattern PREFIX = Pattern.compile("[a-z0-9]{1," + MAX_PREFIX_LENGTH + "}");
    private static final int ENVIRONMENT_LENGTH = 4;
    private static final int HINT_EDGE = 4;
    private static final byte[] VALUE_OF = new byte[128];

    static {
        Arrays.fill(VALUE_OF, (byte) -1);
        for (int i = 0; i < Secrets.BASE62.length(); i++) {
            VALUE_OF[Secrets.BASE62.charAt(i)] = (byte) i;
        }
    }

    private final String prefix;
    private final int length;

    /** A format with the host's prefix (lower-case letters and digits, 1 to 16). */
    public ApiKeyFormat(String prefix) {
        Check.single("apiKeyPrefix", prefixProblem(prefix));
        this.prefix = prefix;
        this.length = prefix.length() + 1 + ENVIRONMENT_LENGTH + 1 + RANDOM_LENGTH + CHECKSUM_LENGTH;
    }

    /** What is wrong with a prefix, if anything. */
    public static Optional<String> prefixProblem(@Nullable String prefix) {
        if (prefix == null) {
            return Optional.of("must not be null");
        }
        return PREFIX.matcher(prefix).matches() ? Optional.empty()
                : Optional.of("must be 1 to " + MAX_PREFIX_LENGTH + " lower-case letters or digits");
    }

    /** The host's prefix. */
    public String prefix() {
        return prefix;
    }

    /** The length of every key of this format. */
    public int length() {
        return length;
    }

    /** A new key for {@code environment}, with random characters from {@code secrets}. */
    public String mint(Environment environment, Secrets secrets) {
        String random = secrets.base62(RANDOM_LENGTH);
        return prefix + "_" + environment.text() + "_" + random + checksum(random);
    }

    /**
     * The environment of a well-formed key of this format, or null if {@code text} is not one: wrong
     * length, prefix, environment, characters or checksum. Allocates nothing.
     */
    public @Nullable Environment parse(@Nullable String text) {
        if (text == null || text.length() != length || !text.startsWith(prefix)) {
            return null;
        }
        int at = prefix.length();
        if (text.charAt(at) != '_' || text.charAt(at + 1 + ENVIRONMENT_LENGTH) != '_') {
            return null;
        }
        Environment environment;
        if (text.startsWith("live", at + 1)) {
            environment = Environment.LIVE;
        } else if (text.startsWith("test", at + 1)) {
            environment = Environment.TEST;
        } else {
            return null;
        }
        int randomStart = at + ENVIRONMENT_LENGTH + 2;
        var crc = new CRC32();
        for (int i = randomStart; i < randomStart + RANDOM_LENGTH; i++) {
            char c = text.charAt(i);
            if (c >= 128 || VALUE_OF[c] < 0) {
                return null;
            }
            crc.update(c);
        }
        long expected = crc.getValue();
        long found = 0;
        for (int i = randomStart + RANDOM_LENGTH; i < length; i++) {
            char c = text.charAt(i);
            if (c >= 128 || VALUE_OF[c] < 0) {
                return null;
            }
            found = found * 62 + VALUE_OF[c];
        }
        return found == expected ? environment : null;
    }

    /** The display hint of a well-formed key: the prefix, the environment, and the first and last four characters of the rest. */
    public String hint(String key) {
        int bodyStart = prefix.length() + ENVIRONMENT_LENGTH + 2;
        return key.substring(0, bodyStart + HINT_EDGE) + "..." + key.substring(key.length() - HINT_EDGE);
    }

    /** The CRC32 of the random part (ASCII), as 6 base62 digits, most significant first. */
    static String checksum(String random) {
        var crc = new CRC32();
        crc.update(random.getBytes(StandardCharsets.US_ASCII));
        long value = crc.getValue();
        char[] digits = new char[CHECKSUM_LENGTH];
        for (int i = CHECKSUM_LENGTH - 1; i >= 0; i--) {
            digits[i] = Secrets.BASE62.charAt((int) (value % 62));
            value /= 62;
        }
        return new String(digits);
    }
}
