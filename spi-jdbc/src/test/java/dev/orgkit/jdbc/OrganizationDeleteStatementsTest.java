package dev.orgkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orgkit.OrgKit;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/**
 * Deleting an organization is a fixed number of set-based statements: as many for 2,000 members and
 * 200 keys as for 2 members and 1 key, and everything it must change is changed (on H2; the
 * measurement times it on PostgreSQL).
 */
class OrganizationDeleteStatementsTest {

    @Test
    void deleting_a_large_organization_takes_as_many_statements_as_a_small_one() throws SQLException {
        try (TestDatabase database = TestDatabase.h2()) {
            StatementCounter counter = new StatementCounter(database.pool(2));
            JdbcStorage storage = JdbcStorage.migrate(counter.dataSource());
            try (Connection connection = counter.dataSource().getConnection()) {
                OrganizationDeletion.insert(connection, "org_small", 2, 1, 10);
                OrganizationDeletion.insert(connection, "org_large", 2_000, 200, 1_000);
            }

            int small;
            int large;
            try (OrgKit kit = OrganizationDeletion.kit(storage)) {
                small = OrganizationDeletion.delete(kit, counter, "org_small");
                large = OrganizationDeletion.delete(kit, counter, "org_large");
            }

            assertThat(large).isEqualTo(small);
            try (Connection connection = counter.dataSource().getConnection();
                    Statement statement = connection.createStatement()) {
                assertThat(count(statement, "SELECT COUNT(*) FROM orgkit_api_keys WHERE account_id = 'org_large'"
                        + " AND revoked_at IS NULL")).isZero();
                assertThat(count(statement, "SELECT COUNT(*) FROM orgkit_invitations WHERE account_id = 'org_large'"
                        + " AND status = 'PENDING'")).isZero();
                assertThat(count(statement, "SELECT COUNT(*) FROM orgkit_active_accounts WHERE account_id = 'org_large'"))
                        .isZero();
                assertThat(count(statement, "SELECT COUNT(*) FROM orgkit_accounts WHERE account_id = 'org_large'"
                        + " AND status = 'DELETED'")).isEqualTo(1);
            }
        }
    }

    private static long count(Statement statement, String query) throws SQLException {
        try (ResultSet row = statement.executeQuery(query)) {
            row.next();
            return row.getLong(1);
        }
    }
}
