package dev.orgkit.apikey;

import dev.orgkit.Page;
import dev.orgkit.PageRequest;
import dev.orgkit.Principal;
import dev.orgkit.UserPrincipal;
import dev.orgkit.account.AccountId;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * API keys of accounts: creating, listing, revoking and rolling them (R12), and verifying a key on
 * each API call. Obtain it from {@code kit.apiKeys()}. Thread-safe.
 *
 * <p>A key reads {@code <prefix>_<live|test>_<30 random base62><6 base62 CRC32>}. Only its SHA-256
 * is stored; the secret is returned once, by {@link #create} and {@link #roll}.
 *
 * @since 0.1.0
 */
public interface ApiKeys {

    /**
     * Creates a key for the account. Admins of an organization and the owner of a personal account
     * may; members too if the host allows it (R12). Audited as {@code API_KEY_CREATED}.
     *
     * @return the key with its secret, which is never shown again
     */
    CreatedApiKey create(UserPrincipal principal, AccountId accountId, NewApiKey form);

    /** A page of the account's keys (hints only), oldest first, revoked and expired ones included; every member sees them (R9). */
    Page<ApiKey> list(Principal principal, AccountId accountId, PageRequest page);

    /** One key (hint only), for a member of its account; otherwise {@code NOT_FOUND}, as for an unknown id. */
    ApiKey get(Principal principal, ApiKeyId keyId);

    /**
     * Revokes a key, permanently: from the moment this returns, {@code verify} on this kit answers
     * {@code REVOKED}. Revoking a revoked key changes nothing. Audited as {@code API_KEY_REVOKED}.
     *
     * @return the key, revoked
     */
    ApiKey revoke(UserPrincipal principal, ApiKeyId keyId);

    /**
     * Replaces a key's secret: creates a new key with the same name, environment and expiry, and
     * lets the old secret work for {@code overlap} more (zero to 7 days), so that clients can move
     * without downtime. A revoked or expired key cannot be rolled. Audited as {@code API_KEY_ROLLED}.
     *
     * @return the new key with its secret, which is never shown again
     */
    CreatedApiKey roll(UserPrincipal principal, ApiKeyId keyId, Duration overlap);

    /**
     * Verifies a key presented on an API call: the hot path. A text that is not a well-formed key
     * of this kit (including null or empty) is {@code MALFORMED}, answered without any lookup;
     * otherwise one lookup by the key's SHA-256. Nothing is written: a valid verification is counted
     * in memory, and reaches the storage (with the key's last-used time) at the next usage flush.
     * The same as {@code verify(secret, VerifyContext.none())}: a key restricted to networks is
     * {@code FORBIDDEN_NETWORK} here, since no caller address is known.
     */
    KeyVerification verify(@Nullable String secret);

    /**
     * Verifies a key for a call that needs {@code context}'s scopes and comes from its address: after
     * the checks of {@link #verify(String)}, and still without any further lookup, a key with allowed
     * networks answers {@code FORBIDDEN_NETWORK} unless the address is in one of them (an unknown
     * address included), a key with scopes answers {@code INSUFFICIENT_SCOPE} unless it has every
     * scope the call needs, and a key with a rate limit answers {@code RATE_LIMITED} (with
     * {@link KeyVerification#retryAfter()}) once this instance allowed its requests in the window.
     * Only {@code VALID} verifications are counted as usage. Never throws for any secret; a null
     * context is an {@link dev.orgkit.InvalidInputException}.
     *
     * @since 0.2.0
     */
    KeyVerification verify(@Nullable String secret, VerifyContext context);

    /**
     * Writes the usage counted since the last flush to the storage, in batches, and returns how many
     * verifications it wrote. Counts that could not be written stay buffered for the next flush,
     * which writes the failed batch again, unchanged, before newer counts; the storage applies a
     * batch at most once, so each verification is stored exactly once even when a failed write had
     * in fact committed (its acknowledgement was lost). A host calls it from its scheduler, or starts
     * {@link #startUsageFlusher}.
     */
    long flushUsage();

    /**
     * Starts a daemon thread that calls {@link #flushUsage()} every {@code interval} (100 ms to
     * 1 hour). The host stops it with {@link UsageFlusher#close()}, which flushes one last time. If
     * the process dies, at most the usage counted since the last flush is lost.
     */
    UsageFlusher startUsageFlusher(Duration interval);
}
