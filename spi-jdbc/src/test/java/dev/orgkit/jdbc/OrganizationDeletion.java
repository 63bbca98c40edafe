package dev.orgkit.jdbc;

import dev.orgkit.OrgKit;
import dev.orgkit.Principal;
import dev.orgkit.UserPrincipal;
import dev.orgkit.account.AccountId;
import dev.orgkit.internal.Secrets;
import dev.orgkit.tck.RecordingMailer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * An organization made directly in the database for the deletion tests: {@code members} members
 * (u-000000 the only admin), each working in it, {@code keys} API keys, and one pending invitation
 * in ten of {@code invitations}.
 */
final class OrganizationDeletion {
    static final UserPrincipal ADMIN = Principal.user("u-000000", "u-000000@big.example");

    private OrganizationDeletion() {}

    static void insert(Connection connection, String id, int members, int keys, int invitations) throws SQLException {
        TestDatabase.insertOrganization(connection, id, members);
        TestDatabase.insertInvitationsAndEvents(connection, id, invitations);
        connection.setAutoCommit(false);
        try (PreparedStatement key = connection.prepareStatement("""
                INSERT INTO orgkit_api_keys (account_id, key_id, name, environment, hint, created_by, created_at, key_hash)
                VALUES (?, ?, 'ci', 'LIVE', 'ok_live_...abcd', 'u-000000', CURRENT_TIMESTAMP, ?)""");
                PreparedStatement active = connection.prepareStatement("""
                        INSERT INTO orgkit_active_accounts (user_id, account_id) VALUES (?, ?)""")) {
            for (int i = 0; i < keys; i++) {
                key.setString(1, id);
                key.setString(2, "key_" + id + "_" + i);
                key.setString(3, Secrets.sha256("key " + id + i).hex());
                key.addBatch();
            }
            key.executeBatch();
            for (int i = 0; i < members; i++) {
                // Users of one organization work in it; ids apart from other organizations' (one row per user).
                active.setString(1, id + String.format("-u-%06d", i));
                active.setString(2, id);
                active.addBatch();
                if (i % 1000 == 999) {
                    active.executeBatch();
                }
            }
            active.executeBatch();
            connection.commit();
        } finally {
            connection.setAutoCommit(true);
        }
    }

    /** A kit on the storage. */
    static OrgKit kit(JdbcStorage storage) {
        return OrgKit.builder().storage(storage).mailer(new RecordingMailer()).build();
    }

    /** Deletes the organization through the kit; returns how many statements it ran. */
    static int delete(OrgKit kit, StatementCounter counter, String id) {
        int before = counter.statements();
        kit.organizations().delete(ADMIN, AccountId.of(id), "Big");
        return counter.statements() - before;
    }
}
