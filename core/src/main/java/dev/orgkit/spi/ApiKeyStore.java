package dev.orgkit.spi;

import dev.orgkit.account.AccountId;
import dev.orgkit.apikey.ApiKey;
import dev.orgkit.apikey.ApiKeyId;
import java.time.Instant;

/**
 * The reads and writes of API keys in a read-write transaction. Callers hold the account's lock
 * ({@link AccountStore#lock}). Obtained from {@link WriteTransaction#apiKeys()}. Only the SHA-256
 * of a secret is ever given to the storage.
 *
 * @since 0.2.0
 */
public interface ApiKeyStore extends ApiKeyReads {

    /** Inserts an API key with the SHA-256 of its secret. Key ids and hashes are unique. */
    void insert(ApiKey key, SecretHash hash);

    /**
     * Revokes every key of the account that is not revoked yet, at {@code at}: one set-based update,
     * whatever the number of keys; verification caches forget them as for {@link #revoke}. Returns
     * how many it revoked.
     *
     * @since 0.2.0
     */
    int revokeAll(AccountId accountId, Instant at);

    /** Sets the key's revocation time unless it is already revoked; returns whether it did. */
    boolean revoke(ApiKeyId id, Instant at);

    /**
     * Records that the key was rolled to {@code successor} and now expires at {@code expiresAt}, unless it
     * was already rolled: the single conditional update that rolls a key at most once. Returns whether it did.
     */
    boolean markRolled(ApiKeyId id, ApiKeyId successor, Instant expiresAt);
}
