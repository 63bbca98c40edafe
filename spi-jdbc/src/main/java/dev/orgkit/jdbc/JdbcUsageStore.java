package dev.orgkit.jdbc;

import dev.orgkit.account.AccountId;
import dev.orgkit.apikey.ApiKeyId;
import dev.orgkit.apikey.KeyUsage;
import dev.orgkit.spi.UsageBatch;
import dev.orgkit.spi.UsageIncrement;
import dev.orgkit.spi.UsageStore;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * API-key usage ({@code orgkit_api_key_usage}, one row per (account id, day, key id)), each key's
 * last-used time, and the ids of the batches applied ({@code orgkit_usage_flushes}). A batch starts
 * with the insert of its id unless it is there (the dialect's insert-or-ignore): a duplicate means
 * the batch was applied, and nothing else is written; an insert of the same id that another
 * transaction has not committed yet makes this one wait for it, so a retry racing its own lost
 * commit cannot count twice. Then come two JDBC batches: first an update of each key's row that only moves its
 * last-used time forward, then the dialect's upsert that adds to the day's count (so that concurrent
 * flushes lose nothing). The update comes first, and matches the key's row whatever its last-used
 * time, so the flush holds the key row's exclusive lock before the upsert's foreign-key check wants
 * a shared one: on MariaDB, the other order deadlocked with a revoke or roll of the same key.
 */
final class JdbcUsageStore extends JdbcStore implements UsageStore {

    JdbcUsageStore(Sql sql, boolean writable) {
        super(sql, writable);
    }

    @Override
    public List<KeyUsage> keyUsage(AccountId accountId, LocalDate from, LocalDate to) {
        return sql.list("read API usage", """
                SELECT usage_day, key_id, requests FROM orgkit_api_key_usage
                WHERE account_id = ? AND usage_day >= ? AND usage_day <= ?
                ORDER BY usage_day, key_id""",
                row -> new KeyUsage(ApiKeyId.of(row.getString("key_id")), row.getObject("usage_day", LocalDate.class),
                        row.getLong("requests")),
                accountId.value(), from, to);
    }

    @Override
    public boolean add(UsageBatch batch, Instant appliedAt) {
        checkWritable();
        if (!sql.insertUnlessDuplicate("record a usage batch", """
                INSERT INTO orgkit_usage_flushes (batch_id, applied_at) VALUES (?, ?)""", batch.id(), appliedAt)) {
            return false;
        }
        List<Object[]> counts = new ArrayList<>(batch.increments().size());
        List<Object[]> lastUses = new ArrayList<>(batch.increments().size());
        for (UsageIncrement increment : batch.increments()) {
            String accountId = increment.accountId().value();
            String keyId = increment.keyId().value();
            counts.add(new Object[] {increment.day(), increment.requests(), accountId, keyId});
            Instant lastUsedAt = Sql.stored(increment.lastUsedAt());
            lastUses.add(new Object[] {lastUsedAt, lastUsedAt, accountId, keyId});
        }
        sql.batch("record when API keys were last used", """
                UPDATE orgkit_api_keys
                SET last_used_at = CASE WHEN last_used_at IS NULL OR last_used_at < ? THEN ? ELSE last_used_at END
                WHERE account_id = ? AND key_id = ?""", lastUses);
        sql.batch("add API usage", dialect.addUsage(), counts);
        return true;
    }

    @Override
    public int forgetBatchesAppliedBefore(Instant appliedBefore) {
        checkWritable();
        return sql.update("forget old usage batches", "DELETE FROM orgkit_usage_flushes WHERE applied_at < ?",
                appliedBefore);
    }
}
