package dev.orgkit.spi;

import dev.orgkit.account.AccountId;
import dev.orgkit.apikey.ApiKey;
import dev.orgkit.apikey.ApiKeyId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The reads of API keys. Obtained from {@link ReadTransaction#apiKeys()}; valid only inside that
 * transaction. The hot path of verification does not come here but to {@link Storage#apiKeyByHash}.
 *
 * @since 0.2.0
 */
public interface ApiKeyReads {

    /** The API key with this id, of any account. */
    Optional<ApiKey> find(ApiKeyId id);

    /** The API key whose secret has this SHA-256 (hashes are unique), with its hash. */
    Optional<ApiKeyRecord> findByHash(SecretHash hash);

    /**
     * At most {@code limit} API keys of the account, revoked and expired ones included, ordered by
     * id, starting after {@code after} (exclusive) if given: a keyset page.
     */
    List<ApiKey> list(AccountId accountId, Optional<ApiKeyId> after, int limit);

    /**
     * At most {@code limit} API keys, of any account, whose expiry notice is still to be decided: they
     * expire after {@code after} and at or before {@code until}, are neither revoked nor rolled, and
     * have no {@link dev.orgkit.delivery.NoticeKind#KEY_EXPIRY} notice (the notice whose subject is
     * the key's id, in any status). Earliest expiry first, then by key id. Keys without an expiry are
     * never listed. A hint only: whoever schedules the notice checks again under the account's lock.
     *
     * @since 0.2.0
     */
    List<ApiKey> expiringWithoutNotice(Instant after, Instant until, int limit);
}
