package dev.orgkit.apikey;

import dev.orgkit.account.AccountId;
import dev.orgkit.internal.Check;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * The answer of {@code apiKeys().verify(secret)}: a code, and for a {@link Code#VALID} key the key,
 * the account it acts for and its environment. A host authenticates an API call with it:
 *
 * <pre>{@code
 * KeyVerification v = kit.apiKeys().verify(header);
 * if (!v.isValid()) return status(401, v.code());
 * AccountId caller = v.accountId().orElseThrow();
 * }</pre>
 *
 * @param code what the verification found
 * @param keyId the key's id, present only when valid
 * @param accountId the account the key acts for, present only when valid
 * @param environment the key's environment, present only when valid
 * @param scopes the scopes the key may act in, when valid (empty: any scope, or not valid) (since 0.2.0)
 * @param retryAfter how long until the key may verify again, present only when {@link Code#RATE_LIMITED}
 *     (since 0.2.0)
 * @since 0.1.0
 */
public record KeyVerification(
        Code code, Optional<ApiKeyId> keyId, Optional<AccountId> accountId, Optional<Environment> environment,
        Set<String> scopes, Optional<Duration> retryAfter) {

    /** What a verification found. */
    public enum Code {
        /** The key exists, is not revoked and has not expired. */
        VALID,
        /** The text is not a key of this kit: wrong prefix, length, characters or checksum. No lookup was made. */
        MALFORMED,
        /** The text is well formed but no key has it. */
        NOT_FOUND,
        /** The key was revoked. */
        REVOKED,
        /** The key has expired (a rolled key's old secret expires when its overlap ends). */
        EXPIRED,
        /** The key is valid but may not act in a scope the call needs. @since 0.2.0 */
        INSUFFICIENT_SCOPE,
        /** The key is valid but has used its rate limit on this instance; see {@link #retryAfter()}. @since 0.2.0 */
        RATE_LIMITED,
        /** The key is valid but the call does not come from one of its allowed networks (or its address is unknown). @since 0.2.0 */
        FORBIDDEN_NETWORK,
        /**
         * The key is valid, but its account's plan is HARD and the month's calls have reached what it
         * includes. The call is not counted.
         * @since 0.2.0
         */
        USAGE_EXCEEDED
    }

    private static final KeyVerification MALFORMED = invalid(Code.MALFORMED);
    private static final KeyVerification NOT_FOUND = invalid(Code.NOT_FOUND);
    private static final KeyVerification REVOKED = invalid(Code.REVOKED);
    private static final KeyVerification EXPIRED = invalid(Code.EXPIRED);
    private static final KeyVerification INSUFFICIENT_SCOPE = invalid(Code.INSUFFICIENT_SCOPE);
    private static final KeyVerification FORBIDDEN_NETWORK = invalid(Code.FORBIDDEN_NETWORK);
    private static final KeyVerification USAGE_EXCEEDED = invalid(Code.USAGE_EXCEEDED);

    /**
     * Requires the key, account and environment exactly when the code is {@link Code#VALID}, scopes only
     * then, and a positive retry-after exactly when it is {@link Code#RATE_LIMITED}.
     */
    public KeyVerification {
        Check.notNull("code", code, "keyId", keyId, "accountId", accountId, "environment", environment,
                "scopes", scopes, "retryAfter", retryAfter);
        boolean valid = code == Code.VALID;
        if (keyId.isPresent() != valid || accountId.isPresent() != valid || environment.isPresent() != valid
                || !valid && !scopes.isEmpty()) {
            throw new IllegalArgumentException(
                    "a verification has a key, account, environment and scopes only when VALID");
        }
        if (retryAfter.isPresent() != (code == Code.RATE_LIMITED)
                || retryAfter.filter(after -> after.isNegative() || after.isZero()).isPresent()) {
            throw new IllegalArgumentException("a verification has a positive retryAfter exactly when RATE_LIMITED");
        }
        scopes = Set.copyOf(scopes);
    }

    /** A verification without scopes or retry-after: the shape of release 0.1. */
    public KeyVerification(Code code, Optional<ApiKeyId> keyId, Optional<AccountId> accountId,
            Optional<Environment> environment) {
        this(code, keyId, accountId, environment, Set.of(), Optional.empty());
    }

    /** A valid verification of {@code key}. */
    public static KeyVerification valid(ApiKey key) {
        return new KeyVerification(Code.VALID, Optional.of(key.id()), Optional.of(key.accountId()),
                Optional.of(key.environment()), key.restrictions().scopes(), Optional.empty());
    }

    /** A key over its rate limit, which may verify again after {@code retryAfter} (more than zero). @since 0.2.0 */
    public static KeyVerification rateLimited(Duration retryAfter) {
        return new KeyVerification(Code.RATE_LIMITED, Optional.empty(), Optional.empty(), Optional.empty(),
                Set.of(), Optional.of(retryAfter));
    }

    /** The (shared) verification with an invalid {@code code}. */
    public static KeyVerification of(Code code) {
        switch (code) {
            case MALFORMED:
                return MALFORMED;
            case NOT_FOUND:
                return NOT_FOUND;
            case REVOKED:
                return REVOKED;
            case EXPIRED:
                return EXPIRED;
            case INSUFFICIENT_SCOPE:
                return INSUFFICIENT_SCOPE;
            case FORBIDDEN_NETWORK:
                return FORBIDDEN_NETWORK;
            case RATE_LIMITED:
                throw new IllegalArgumentException("a RATE_LIMITED verification needs its retry-after: use rateLimited");
            case USAGE_EXCEEDED:
                return USAGE_EXCEEDED;
            default:
                throw new IllegalArgumentException("a VALID verification needs its key: use valid(key)");
        }
    }

    /** Whether the key is valid. */
    public boolean isValid() {
        return code == Code.VALID;
    }

    private static KeyVerification invalid(Code code) {
        return new KeyVerification(code, Optional.empty(), Optional.empty(), Optional.empty(), Set.of(),
                Optional.empty());
    }
}
