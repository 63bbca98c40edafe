package dev.orgkit.internal;

import dev.orgkit.Page;
import dev.orgkit.PageRequest;
import dev.orgkit.Principal;
import dev.orgkit.UserPrincipal;
import dev.orgkit.account.AccountId;
import dev.orgkit.apikey.ApiKey;
import dev.orgkit.apikey.ApiKeyId;
import dev.orgkit.apikey.ApiKeys;
import dev.orgkit.apikey.CreatedApiKey;
import dev.orgkit.apikey.KeyVerification;
import dev.orgkit.apikey.NewApiKey;
import dev.orgkit.apikey.VerifyContext;
import dev.orgkit.apikey.UsageFlusher;
import dev.orgkit.spi.Observer.Outcome;
import java.time.Duration;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * {@link ApiKeys} that reports to the observers: {@code verify} with its code, written by hand since
 * it is the hot path (no reflection, no timing); the commands like every other service's.
 */
final class ObservedApiKeys implements ApiKeys {
    private final ApiKeys keys;
    private final Observed observer;

    ObservedApiKeys(ApiKeys keys, Observed observer) {
        this.keys = keys;
        this.observer = observer;
    }

    @Override
    public KeyVerification verify(@Nullable String secret) {
        KeyVerification verification = keys.verify(secret);
        observer.verified(verification.code());
        return verification;
    }

    @Override
    public KeyVerification verify(@Nullable String secret, VerifyContext context) {
        KeyVerification verification = keys.verify(secret, context);
        observer.verified(verification.code());
        return verification;
    }

    @Override
    public CreatedApiKey create(UserPrincipal principal, AccountId accountId, NewApiKey form) {
        return timed("create", () -> keys.create(principal, accountId, form));
    }

    @Override
    public Page<ApiKey> list(Principal principal, AccountId accountId, PageRequest page) {
        return timed("list", () -> keys.list(principal, accountId, page));
    }

    @Override
    public ApiKey get(Principal principal, ApiKeyId keyId) {
        return timed("get", () -> keys.get(principal, keyId));
    }

    @Override
    public ApiKey revoke(UserPrincipal principal, ApiKeyId keyId) {
        return timed("revoke", () -> keys.revoke(principal, keyId));
    }

    @Override
    public CreatedApiKey roll(UserPrincipal principal, ApiKeyId keyId, Duration overlap) {
        return timed("roll", () -> keys.roll(principal, keyId, overlap));
    }

    /** Housekeeping, not a command: not reported. */
    @Override
    public long flushUsage() {
        return keys.flushUsage();
    }

    /** Housekeeping, not a command: not reported. */
    @Override
    public UsageFlusher startUsageFlusher(Duration interval) {
        return keys.startUsageFlusher(interval);
    }

    private <T> T timed(String method, Supplier<T> call) {
        long start = System.nanoTime();
        try {
            T result = call.get();
            observer.completed("api_keys." + method, Outcome.SUCCESS, Duration.ofNanos(System.nanoTime() - start));
            return result;
        } catch (RuntimeException e) {
            observer.completed("api_keys." + method, Observed.outcome(e), Duration.ofNanos(System.nanoTime() - start));
            throw e;
        }
    }
}
