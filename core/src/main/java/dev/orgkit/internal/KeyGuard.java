package dev.orgkit.internal;

import dev.orgkit.apikey.ApiKey;
import dev.orgkit.apikey.KeyRestrictions;
import dev.orgkit.apikey.KeyVerification;
import dev.orgkit.apikey.VerifyContext;
import java.time.Duration;
import java.util.Optional;

/**
 * The checks {@code verify} makes, in memory, on a key that exists and is active: its allowed
 * networks, its scopes, then its rate limit (last, so that a call refused for another reason spends
 * no token). Thread-safe.
 */
final class KeyGuard {
    private final RateLimiter rateLimiter = new RateLimiter();

    /** Why the call may not use the key, if it may not; spends a token of its rate limit if it may. */
    Optional<KeyVerification> refusal(ApiKey key, VerifyContext context, long nowMillis) {
        KeyRestrictions restrictions = key.restrictions();
        if (restrictions.isNone()) {
            return Optional.empty();
        }
        if (!restrictions.allowsAddress(context.clientAddress())) {
            return Optional.of(KeyVerification.of(KeyVerification.Code.FORBIDDEN_NETWORK));
        }
        for (String scope : context.requiredScopes()) {
            if (!restrictions.allowsScope(scope)) {
                return Optional.of(KeyVerification.of(KeyVerification.Code.INSUFFICIENT_SCOPE));
            }
        }
        if (restrictions.rateLimit().isPresent()) {
            Optional<Duration> wait = rateLimiter.acquire(key.id(), restrictions.rateLimit().get(), nowMillis);
            if (wait.isPresent()) {
                return Optional.of(KeyVerification.rateLimited(wait.get()));
            }
        }
        return Optional.empty();
    }

    /** Frees the memory of rate limits that keys no longer use; for the usage flush. */
    void evictIdle(long nowMillis) {
        rateLimiter.evictIdle(nowMillis);
    }
}
