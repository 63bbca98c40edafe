package dev.orgkit.jdbc;

import dev.orgkit.EmailAddress;
import dev.orgkit.StorageException;
import dev.orgkit.UserId;
import dev.orgkit.account.Account;
import dev.orgkit.account.AccountId;
import dev.orgkit.account.AccountKind;
import dev.orgkit.account.Organization;
import dev.orgkit.account.PersonalAccount;
import dev.orgkit.spi.AccountStore;
import dev.orgkit.spi.DeletedAccount;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Accounts ({@code orgkit_accounts}, with {@code orgkit_personal_accounts} making one personal
 * account per owner) and the account each user works in ({@code orgkit_active_accounts}). Locking
 * an account is {@code SELECT ... FOR UPDATE} on its row.
 */
final class JdbcAccountStore extends JdbcStore implements AccountStore {
    // Ends with a line break, so that SQL can follow it directly.
    private static final String COLUMNS = """
            account_id, kind, owner_id, account_name, legal_name, alerting_email, invoicing_email,
            created_by, created_at, version, status, deleted_at, restore_until
            """;

    JdbcAccountStore(Sql sql, boolean writable) {
        super(sql, writable);
    }

    @Override
    public Optional<Account> find(AccountId id) {
        return sql.first("read an account", "SELECT " + COLUMNS + """
                FROM orgkit_accounts WHERE account_id = ? AND status = 'ACTIVE'""", this::account, id.value());
    }

    @Override
    public Optional<DeletedAccount> findDeleted(AccountId id) {
        return sql.first("read a deleted account", "SELECT " + COLUMNS + """
                FROM orgkit_accounts WHERE account_id = ? AND status IN ('DELETED', 'PURGED')""", this::deleted,
                id.value());
    }

    @Override
    public List<AccountId> purgeable(Instant now, int limit) {
        return sql.list("list purgeable accounts", """
                SELECT account_id FROM orgkit_accounts WHERE status = 'DELETED' AND restore_until <= ?
                ORDER BY restore_until, account_id LIMIT ?""",
                row -> AccountId.of(row.getString(1)), now, limit);
    }

    @Override
    public Optional<PersonalAccount> personalAccountOf(UserId owner) {
        Optional<String> id = sql.first("find a personal account", """
                SELECT account_id FROM orgkit_personal_accounts WHERE owner_id = ?""",
                row -> row.getString(1), owner.value());
        return id.flatMap(accountId -> find(AccountId.of(accountId)))
                .filter(PersonalAccount.class::isInstance)
                .map(PersonalAccount.class::cast);
    }

    @Override
    public Optional<AccountId> activeAccountOf(UserId userId) {
        return sql.first("read the active account", """
                SELECT account_id FROM orgkit_active_accounts WHERE user_id = ?""",
                row -> AccountId.of(row.getString(1)), userId.value());
    }

    /**
     * Locks the row whatever its status, and answers from the state the lock was granted on: a
     * command that waited for a delete finds the account deleted.
     */
    @Override
    public Optional<Account> lock(AccountId id) {
        checkWritable();
        return locked(id).filter(row -> row.status().equals("ACTIVE")).map(Locked::account);
    }

    @Override
    public Optional<DeletedAccount> lockDeleted(AccountId id) {
        checkWritable();
        return locked(id).flatMap(Locked::deleted);
    }

    private Optional<Locked> locked(AccountId id) {
        return sql.first("lock an account", "SELECT " + COLUMNS + """
                 FROM orgkit_accounts WHERE account_id = ? FOR UPDATE""",
                row -> new Locked(row.getString("status"), account(row), deletion(row)), id.value());
    }

    /** A locked account row: its status, the account, and its deletion if it is deleted. */
    private record Locked(String status, Account account, Optional<DeletedAccount> deletion) {
        Optional<DeletedAccount> deleted() {
            return status.equals("ACTIVE") ? Optional.empty() : deletion;
        }
    }

    @Override
    public boolean markDeleted(AccountId id, Instant deletedAt, Instant restoreUntil) {
        checkWritable();
        boolean marked = sql.update("mark an account deleted", """
                UPDATE orgkit_accounts SET status = 'DELETED', deleted_at = ?, restore_until = ?
                WHERE account_id = ? AND status = 'ACTIVE'""", deletedAt, restoreUntil, id.value()) == 1;
        if (marked) {
            // A deleted personal account is no longer its owner's (a primary-key lookup by its owner);
            // an organization has no owner, and nothing happens.
            sql.update("release a deleted personal account", """
                    DELETE FROM orgkit_personal_accounts
                    WHERE owner_id = (SELECT owner_id FROM orgkit_accounts WHERE account_id = ?)""", id.value());
        }
        return marked;
    }

    @Override
    public boolean restore(AccountId id) {
        checkWritable();
        return sql.update("restore an organization", """
                UPDATE orgkit_accounts SET status = 'ACTIVE', deleted_at = NULL, restore_until = NULL
                WHERE account_id = ? AND status = 'DELETED' AND kind = 'ORGANIZATION'""", id.value()) == 1;
    }

    @Override
    public int forgetActiveAccount(AccountId id) {
        checkWritable();
        return sql.update("forget an active account for everyone", """
                DELETE FROM orgkit_active_accounts WHERE account_id = ?""", id.value());
    }

    /** Every feature's rows of the account, children before parents; the audit trail stays. */
    private static final List<String> PURGE = List.of(
            "DELETE FROM orgkit_api_key_usage WHERE account_id = ?",
            "DELETE FROM orgkit_api_keys WHERE account_id = ?",
            "DELETE FROM orgkit_invitation_deliveries WHERE account_id = ?",
            "DELETE FROM orgkit_invitations WHERE account_id = ?",
            "DELETE FROM orgkit_memberships WHERE account_id = ?",
            "DELETE FROM orgkit_support_requests WHERE account_id = ?",
            "DELETE FROM orgkit_plans WHERE account_id = ?",
            "DELETE FROM orgkit_usage_alerts WHERE account_id = ?",
            "DELETE FROM orgkit_notices WHERE account_id = ?",
            "DELETE FROM orgkit_active_accounts WHERE account_id = ?");

    @Override
    public void purge(AccountId id) {
        checkWritable();
        if (sql.update("mark an account purged", """
                UPDATE orgkit_accounts SET status = 'PURGED' WHERE account_id = ? AND status = 'DELETED'""",
                id.value()) == 0) {
            return;
        }
        for (String delete : PURGE) {
            sql.update("purge an account", delete, id.value());
        }
    }

    /** Two statements: the owner's row in {@code orgkit_personal_accounts} decides, then the account row. */
    @Override
    public boolean insertPersonalAccount(PersonalAccount account) {
        checkWritable();
        boolean inserted = sql.insertUnlessDuplicate("insert a personal account", """
                INSERT INTO orgkit_personal_accounts (owner_id, account_id) VALUES (?, ?)""",
                account.owner().value(), account.id().value());
        if (inserted) {
            sql.update("insert a personal account", """
                    INSERT INTO orgkit_accounts (account_id, kind, owner_id, created_at, version)
                    VALUES (?, 'PERSONAL', ?, ?, 1)""", account.id().value(), account.owner().value(), account.createdAt());
        }
        return inserted;
    }

    @Override
    public void insertOrganization(Organization organization) {
        checkWritable();
        sql.update("insert an organization", """
                INSERT INTO orgkit_accounts (account_id, kind, account_name, legal_name, alerting_email,
                    invoicing_email, created_by, created_at, version)
                VALUES (?, 'ORGANIZATION', ?, ?, ?, ?, ?, ?, ?)""",
                organization.id().value(), organization.accountName(), organization.legalName(),
                organization.alertingEmail().value(), organization.invoicingEmail().value(),
                organization.createdBy().value(), organization.createdAt(), organization.version());
    }

    @Override
    public boolean updateOrganization(Organization updated, long expectedVersion) {
        checkWritable();
        return sql.update("update an organization", """
                UPDATE orgkit_accounts
                SET legal_name = ?, alerting_email = ?, invoicing_email = ?, version = ?
                WHERE account_id = ? AND kind = 'ORGANIZATION' AND version = ?""",
                updated.legalName(), updated.alertingEmail().value(), updated.invoicingEmail().value(),
                updated.version(), updated.id().value(), expectedVersion) == 1;
    }

    @Override
    public void setActiveAccount(UserId userId, Optional<AccountId> accountId) {
        checkWritable();
        if (accountId.isPresent()) {
            sql.update("remember the active account", dialect.upsertActiveAccount(),
                    userId.value(), accountId.get().value());
        } else {
            sql.update("forget the active account", "DELETE FROM orgkit_active_accounts WHERE user_id = ?",
                    userId.value());
        }
    }

    private DeletedAccount deleted(ResultSet row) throws SQLException {
        return deletion(row).orElseThrow(() -> new StorageException("a deleted account without its deletion time"));
    }

    private Optional<DeletedAccount> deletion(ResultSet row) throws SQLException {
        Optional<Instant> deletedAt = dialect.getOptionalInstant(row, "deleted_at");
        Optional<Instant> restoreUntil = dialect.getOptionalInstant(row, "restore_until");
        if (deletedAt.isEmpty() || restoreUntil.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new DeletedAccount(account(row), deletedAt.get(), restoreUntil.get(),
                row.getString("status").equals("PURGED")));
    }

    private Account account(ResultSet row) throws SQLException {
        AccountId id = AccountId.of(row.getString("account_id"));
        if (AccountKind.valueOf(row.getString("kind")) == AccountKind.PERSONAL) {
            return new PersonalAccount(id, UserId.of(row.getString("owner_id")),
                    dialect.getInstant(row, "created_at"));
        }
        return new Organization(id, row.getString("account_name"), row.getString("legal_name"),
                EmailAddress.of(row.getString("alerting_email")), EmailAddress.of(row.getString("invoicing_email")),
                UserId.of(row.getString("created_by")), dialect.getInstant(row, "created_at"), row.getLong("version"));
    }
}
