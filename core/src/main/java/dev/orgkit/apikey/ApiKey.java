package dev.orgkit.apikey;

import dev.orgkit.UserId;
import dev.orgkit.account.AccountId;
import dev.orgkit.internal.Check;
import java.time.Instant;
import java.util.Optional;

/**
 * An API key of an account, as its members see it: a name and a display hint, never the secret.
 *
 * @param id the key's id
 * @param accountId the account (personal or organization) the key acts for
 * @param name what the key is for, as its creator named it
 * @param environment {@code live} or {@code test}
 * @param hint enough of the key to recognise it: the prefix, the environment, and the first and
 *     last four characters of the rest ({@code ok_live_AbC1...xY9z})
 * @param createdBy the user who created (or rolled) it
 * @param createdAt when it was created
 * @param lastUsedAt when it last verified, as of the last usage flush
 * @param expiresAt when it stops working, if ever; a rolled key's old secret gets one
 * @param revokedAt when it was revoked; revoking is permanent
 * @param rolledTo the key that replaced it when it was rolled; a key is rolled at most once
 * @param restrictions its scopes, rate limit and allowed networks, kept when it is rolled (since 0.2.0)
 * @since 0.1.0
 */
public record ApiKey(
        ApiKeyId id,
        AccountId accountId,
        String name,
        Environment environment,
        String hint,
        UserId createdBy,
        Instant createdAt,
        Optional<Instant> lastUsedAt,
        Optional<Instant> expiresAt,
        Optional<Instant> revokedAt,
        Optional<ApiKeyId> rolledTo,
        KeyRestrictions restrictions) {

    /** Rejects missing parts. */
    public ApiKey {
        Check.notNull("id", id, "accountId", accountId, "name", name, "environment", environment, "hint", hint,
                "createdBy", createdBy, "createdAt", createdAt, "lastUsedAt", lastUsedAt, "expiresAt", expiresAt,
                "revokedAt", revokedAt, "rolledTo", rolledTo, "restrictions", restrictions);
    }

    /** An unrestricted key: any scope, no rate limit, any network. */
    public ApiKey(ApiKeyId id, AccountId accountId, String name, Environment environment, String hint,
            UserId createdBy, Instant createdAt, Optional<Instant> lastUsedAt, Optional<Instant> expiresAt,
            Optional<Instant> revokedAt, Optional<ApiKeyId> rolledTo) {
        this(id, accountId, name, environment, hint, createdBy, createdAt, lastUsedAt, expiresAt, revokedAt,
                rolledTo, KeyRestrictions.NONE);
    }

    /** Whether it was revoked. */
    public boolean isRevoked() {
        return revokedAt.isPresent();
    }

    /** Whether its expiry has passed at {@code now}. */
    public boolean isExpiredAt(Instant now) {
        return expiresAt.isPresent() && !now.isBefore(expiresAt.get());
    }

    /** Whether it verifies at {@code now}: neither revoked nor expired. */
    public boolean isActiveAt(Instant now) {
        return !isRevoked() && !isExpiredAt(now);
    }

    /** This key, revoked at {@code at}. */
    public ApiKey withRevokedAt(Instant at) {
        return new ApiKey(id, accountId, name, environment, hint, createdBy, createdAt, lastUsedAt, expiresAt,
                Optional.of(at), rolledTo, restrictions);
    }

    /** This key, replaced by {@code successor} and expiring at {@code at}, the end of the roll's overlap. */
    public ApiKey rolledTo(ApiKeyId successor, Instant at) {
        return new ApiKey(id, accountId, name, environment, hint, createdBy, createdAt, lastUsedAt, Optional.of(at),
                revokedAt, Optional.of(successor), restrictions);
    }

    /** This key, last used at {@code at} unless it was already used later. */
    public ApiKey withLastUsedAt(Instant at) {
        Optional<Instant> latest = lastUsedAt.filter(last -> last.isAfter(at)).or(() -> Optional.of(at));
        return new ApiKey(id, accountId, name, environment, hint, createdBy, createdAt, latest, expiresAt,
                revokedAt, rolledTo, restrictions);
    }
}
