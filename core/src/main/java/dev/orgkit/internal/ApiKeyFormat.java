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
    private final byte[] prefixBytes;
    private final int length;

    /** A format with the host's prefix (lower-case letters and digits, 1 to 16). */
    public ApiKeyFormat(String prefix) {
        Check.single("apiKeyPrefix", prefixProblem(prefix));
        this.prefix = prefix;
        this.prefixBytes = prefix.getBytes(StandardCharsets.US_ASCII);
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
     * length, prefix, environment, characters or checksum.
     */
    public @Nullable Environment parse(@Nullable String text) {
        if (text == null || text.length() != length) {
            return null;
        }
        return parse(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    /**
     * Like {@link #parse(String)}, on the ISO-8859-1 bytes of the text: the verifier encodes a key
     * once, checks it here, and hashes the same bytes (a well-formed key is ASCII, so they are also
     * its UTF-8 bytes). A character outside ISO-8859-1 arrives as {@code ?}, which no key contains.
     */
    public @Nullable Environment parse(byte[] key) {
        if (key.length != length) {
            return null;
        }
        int at = prefixBytes.length;
        for (int i = 0; i < at; i++) {
            if (key[i] != prefixBytes[i]) {
                return null;
            }
        }
        if (key[at] != '_' || key[at + 1 + ENVIRONMENT_LENGTH] != '_') {
            return null;
        }
        Environment environment;
        if (key[at + 1] == 'l' && key[at + 2] == 'i' && key[at + 3] == 'v' && key[at + 4] == 'e') {
            environment = Environment.LIVE;
        } else if (key[at + 1] == 't' && key[at + 2] == 'e' && key[at + 3] == 's' && key[at + 4] == 't') {
            environment = Environment.TEST;
        } else {
            return null;
        }
        int randomStart = at + ENVIRONMENT_LENGTH + 2;
        for (int i = randomStart; i < randomStart + RANDOM_LENGTH; i++) {
            if (key[i] < 0 || VALUE_OF[key[i]] < 0) {
                return null;
            }
        }
        long found = 0;
        for (int i = randomStart + RANDOM_LENGTH; i < length; i++) {
            if (key[i] < 0 || VALUE_OF[key[i]] < 0) {
                return null;
            }
            found = found * 62 + VALUE_OF[key[i]];
        }
        var crc = new CRC32();
        crc.update(key, randomStart, RANDOM_LENGTH);
        return found == crc.getValue() ? environment : null;
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
