package dev.orgkit.jdbc;

import dev.orgkit.UserId;
import dev.orgkit.account.AccountId;
import dev.orgkit.apikey.ApiKey;
import dev.orgkit.apikey.ApiKeyId;
import dev.orgkit.apikey.Environment;
import dev.orgkit.apikey.RateLimit;
import dev.orgkit.spi.ApiKeyRecord;
import dev.orgkit.spi.ApiKeyStore;
import dev.orgkit.spi.SecretHash;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * API keys ({@code orgkit_api_keys}, keyed by (account id, key id), with a unique index on the
 * SHA-256 of each secret). {@link JdbcStorage#apiKeyByHash}, the verification path, runs
 * {@link #BY_HASH} itself, outside any transaction.
 */
final class JdbcApiKeyStore extends JdbcStore implements ApiKeyStore {
    // Ends with a line break, so that SQL can follow it directly.
    private static final String COLUMNS = """
            account_id, key_id, name, environment, hint, created_by, created_at, last_used_at, expires_at,
            revoked_at, rolled_to, key_hash, scopes, rate_limit_requests, rate_limit_window_ms, allowed_networks
            """;
    /** The verification lookup: one unique-index read by the key's hash. */
    static final String BY_HASH = "SELECT " + COLUMNS + "FROM orgkit_api_keys WHERE key_hash = ?";

    private final KeysetPage page;
    private boolean changed;
    private boolean forgetsCachedKeys;

    JdbcApiKeyStore(Sql sql, boolean writable, KeysetPage page) {
        super(sql, writable);
        this.page = page;
    }

    /**
     * The page of an account's keys for this dialect: ordered by the whole primary key, so that it is
     * a range of it, not a walk of the global index of key ids.
     */
    static KeysetPage page(Dialect dialect) {
        return KeysetPage.of(dialect, "SELECT " + COLUMNS + "FROM orgkit_api_keys WHERE account_id = ?",
                "account_id", "key_id");
    }

    @Override
    public Optional<ApiKey> find(ApiKeyId id) {
        Optional<ApiKey> key = sql.first("read an API key", "SELECT " + COLUMNS + "FROM orgkit_api_keys WHERE key_id = ?",
                row -> record(row, dialect).apiKey(), id.value());
        if (writable() && key.filter(k -> k.isRevoked() || k.rolledTo().isPresent()).isPresent()) {
            // A command found the key already revoked or rolled, perhaps by a transaction of this
            // instance that committed a moment ago and has not yet moved the cache on: this one
            // moves it before it returns, so no verification after it is served the older entry.
            forgetsCachedKeys = true;
        }
        return key;
    }

    @Override
    public Optional<ApiKeyRecord> findByHash(SecretHash hash) {
        return sql.first("find an API key by its hash", BY_HASH, row -> record(row, dialect), hash.hex());
    }

    @Override
    public List<ApiKey> list(AccountId accountId, Optional<ApiKeyId> after, int limit) {
        return sql.page("list API keys", page, row -> record(row, dialect).apiKey(), accountId.value(),
                after.map(ApiKeyId::value), limit);
    }

    /**
     * An index range of {@code orgkit_api_keys_expiring} (migration 9), anti-joined on
     * {@code orgkit_notices}' primary key (account, kind, subject), so a key whose notice was decided,
     * in whatever state, is not read again. Its parameters: after, until, the limit.
     */
    static final String EXPIRING_WITHOUT_NOTICE = "SELECT " + COLUMNS + """
            FROM orgkit_api_keys k
            WHERE k.expires_at > ? AND k.expires_at <= ? AND k.revoked_at IS NULL AND k.rolled_to IS NULL
              AND NOT EXISTS (SELECT 1 FROM orgkit_notices n
                              WHERE n.account_id = k.account_id AND n.kind = 'KEY_EXPIRY'
                                AND n.subject = k.key_id)
            ORDER BY k.expires_at, k.key_id LIMIT ?""";

    @Override
    public List<ApiKey> expiringWithoutNotice(Instant after, Instant until, int limit) {
        return sql.list("list API keys whose expiry notice is to be decided", EXPIRING_WITHOUT_NOTICE,
                row -> record(row, dialect).apiKey(), after, until, limit);
    }

    @Override
    public void insert(ApiKey key, SecretHash hash) {
        checkWritable();
        sql.update("insert an API key", "INSERT INTO orgkit_api_keys (" + COLUMNS + """
                ) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                key.accountId().value(), key.id().value(), key.name(), key.environment().name(), key.hint(),
                key.createdBy().value(), key.createdAt(), Sql.instant(key.lastUsedAt()), Sql.instant(key.expiresAt()),
                Sql.instant(key.revokedAt()), key.rolledTo().map(ApiKeyId::value), hash.hex(),
                KeyRestrictionColumns.scopes(key.restrictions()),
                key.restrictions().rateLimit().map(RateLimit::requests),
                key.restrictions().rateLimit().map(limit -> limit.window().toMillis()),
                KeyRestrictionColumns.networks(key.restrictions()));
    }

    @Override
    public boolean revoke(ApiKeyId id, Instant at) {
        checkWritable();
        boolean revoked = sql.update("revoke an API key", """
                UPDATE orgkit_api_keys SET revoked_at = ? WHERE key_id = ? AND revoked_at IS NULL""",
                at, id.value()) == 1;
        if (revoked) {
            announceChange();
        }
        return revoked;
    }

    @Override
    public int revokeAll(AccountId accountId, Instant at) {
        checkWritable();
        int revoked = sql.update("revoke an account's API keys", """
                UPDATE orgkit_api_keys SET revoked_at = ? WHERE account_id = ? AND revoked_at IS NULL""",
                at, accountId.value());
        if (revoked > 0) {
            announceChange();
        }
        // Keys of the account that another instance revoked a moment ago may still be cached here,
        // with nothing left for this statement to change: this instance forgets them all the same.
        forgetsCachedKeys = true;
        return revoked;
    }

    @Override
    public boolean markRolled(ApiKeyId id, ApiKeyId successor, Instant expiresAt) {
        checkWritable();
        boolean rolled = sql.update("mark an API key rolled", """
                UPDATE orgkit_api_keys SET rolled_to = ?, expires_at = ? WHERE key_id = ? AND rolled_to IS NULL""",
                successor.value(), expiresAt, id.value()) == 1;
        if (rolled) {
            announceChange();
        }
        return rolled;
    }

    /**
     * Once per transaction that revoked a key or changed an expiry: counts the change in
     * {@code orgkit_api_key_changes} (which other instances' caches poll) and, on PostgreSQL, notifies
     * their listeners. Both take effect when the transaction commits, and not if it rolls back.
     */
    private void announceChange() {
        if (changed) {
            return;
        }
        changed = true;
        sql.update("count an API key change", "UPDATE orgkit_api_key_changes SET version = version + 1 WHERE id = 1");
        dialect.apiKeyChangeNotification().ifPresent(notify ->
                sql.first("notify other instances of an API key change", notify, row -> Boolean.TRUE));
    }

    /**
     * Whether this store revoked a key or changed an expiry, found in a read-write transaction a
     * key that is revoked or rolled, or revoked an account's keys: a verification cache must
     * forget what it holds.
     */
    boolean changed() {
        return changed || forgetsCachedKeys;
    }

    /** An API key row with its hash; also read by {@link JdbcStorage}'s verification lookup. */
    static ApiKeyRecord record(ResultSet row, Dialect dialect) throws SQLException {
        var key = new ApiKey(ApiKeyId.of(row.getString("key_id")), AccountId.of(row.getString("account_id")),
                row.getString("name"), Environment.valueOf(row.getString("environment")), row.getString("hint"),
                UserId.of(row.getString("created_by")), dialect.getInstant(row, "created_at"),
                dialect.getOptionalInstant(row, "last_used_at"), dialect.getOptionalInstant(row, "expires_at"),
                dialect.getOptionalInstant(row, "revoked_at"),
                Optional.ofNullable(row.getString("rolled_to")).map(ApiKeyId::of), KeyRestrictionColumns.read(row));
        return new ApiKeyRecord(key, new SecretHash(row.getString("key_hash")));
    }
}
