package dev.orgkit.jdbc;

import dev.orgkit.EmailAddress;
import dev.orgkit.UserId;
import dev.orgkit.account.Account;
import dev.orgkit.account.AccountId;
import dev.orgkit.account.AccountKind;
import dev.orgkit.account.Organization;
import dev.orgkit.account.PersonalAccount;
import dev.orgkit.spi.AccountStore;
import java.sql.ResultSet;
import java.sql.SQLException;
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
            created_by, created_at, version
            """;

    JdbcAccountStore(Sql sql, boolean writable) {
        super(sql, writable);
    }

    @Override
    public Optional<Account> find(AccountId id) {
        return sql.first("read an account", "SELECT " + COLUMNS + "FROM orgkit_accounts WHERE account_id = ?",
                this::account, id.value());
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

    @Override
    public Optional<Account> lock(AccountId id) {
        checkWritable();
        return sql.first("lock an account", "SELECT " + COLUMNS + """
                 FROM orgkit_accounts WHERE account_id = ? FOR UPDATE""", this::account, id.value());
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
