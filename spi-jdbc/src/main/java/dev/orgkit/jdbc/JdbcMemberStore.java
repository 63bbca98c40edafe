package dev.orgkit.jdbc;

import dev.orgkit.EmailAddress;
import dev.orgkit.UserId;
import dev.orgkit.account.AccountId;
import dev.orgkit.member.Membership;
import dev.orgkit.member.Role;
import dev.orgkit.spi.MemberStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * Memberships ({@code orgkit_memberships}, primary key (account id, user id): one membership per
 * organization and user, enforced by the database). A page of members is a range of that key.
 */
final class JdbcMemberStore extends JdbcStore implements MemberStore {
    // Ends with a line break, so that SQL can follow it directly.
    private static final String COLUMNS = """
            account_id, user_id, email, role, joined_at
            """;

    private final KeysetPage page;

    JdbcMemberStore(Sql sql, boolean writable, KeysetPage page) {
        super(sql, writable);
        this.page = page;
    }

    /** The page of an organization's members for this dialect: a range of the primary key. */
    static KeysetPage page(Dialect dialect) {
        return KeysetPage.of(dialect, "SELECT " + COLUMNS + "FROM orgkit_memberships WHERE account_id = ?",
                "account_id", "user_id");
    }

    @Override
    public Optional<Membership> find(AccountId organizationId, UserId userId) {
        return sql.first("read a membership", "SELECT " + COLUMNS + """
                 FROM orgkit_memberships WHERE account_id = ? AND user_id = ?""",
                this::membership, organizationId.value(), userId.value());
    }

    @Override
    public boolean hasMemberWithEmail(AccountId organizationId, EmailAddress email) {
        return sql.first("look up a member by email", """
                SELECT 1 FROM orgkit_memberships WHERE account_id = ? AND email = ? LIMIT 1""",
                row -> Boolean.TRUE, organizationId.value(), email.value()).isPresent();
    }

    @Override
    public List<Membership> list(AccountId organizationId, Optional<UserId> after, int limit) {
        return sql.page("list members", page, this::membership, organizationId.value(), after.map(UserId::value),
                limit);
    }

    @Override
    public List<Membership> ofUser(UserId userId) {
        return sql.list("list a user's memberships", "SELECT " + COLUMNS + """
                 FROM orgkit_memberships WHERE user_id = ?""", this::membership, userId.value());
    }

    @Override
    public long count(AccountId organizationId, Role role) {
        return sql.first("count members", """
                SELECT COUNT(*) FROM orgkit_memberships WHERE account_id = ? AND role = ?""",
                row -> row.getLong(1), organizationId.value(), role.name()).orElse(0L);
    }

    @Override
    public long count(AccountId organizationId) {
        return sql.first("count all members", """
                SELECT COUNT(*) FROM orgkit_memberships WHERE account_id = ?""",
                row -> row.getLong(1), organizationId.value()).orElse(0L);
    }

    @Override
    public void insert(Membership membership) {
        checkWritable();
        sql.update("insert a membership", "INSERT INTO orgkit_memberships (" + COLUMNS + """
                ) VALUES (?, ?, ?, ?, ?)""", membership.organizationId().value(), membership.userId().value(),
                membership.email().value(), membership.role().name(), membership.joinedAt());
    }

    @Override
    public void updateRole(AccountId organizationId, UserId userId, Role role) {
        checkWritable();
        sql.update("change a member's role", """
                UPDATE orgkit_memberships SET role = ? WHERE account_id = ? AND user_id = ?""",
                role.name(), organizationId.value(), userId.value());
    }

    @Override
    public boolean delete(AccountId organizationId, UserId userId) {
        checkWritable();
        return sql.update("delete a membership", """
                DELETE FROM orgkit_memberships WHERE account_id = ? AND user_id = ?""",
                organizationId.value(), userId.value()) > 0;
    }

    private Membership membership(ResultSet row) throws SQLException {
        return new Membership(AccountId.of(row.getString("account_id")), UserId.of(row.getString("user_id")),
                EmailAddress.of(row.getString("email")), Role.valueOf(row.getString("role")),
                dialect.getInstant(row, "joined_at"));
    }
}
