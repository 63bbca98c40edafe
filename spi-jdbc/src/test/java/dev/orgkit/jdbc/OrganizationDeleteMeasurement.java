package dev.orgkit.jdbc;

import dev.orgkit.OrgKit;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Measures, by hand, how long deleting an organization of 10,000 members (all working in it), 1,000
 * API keys and 1,000 invitations (100 pending) takes, and how many statements it runs, on H2 and
 * (when {@code ORGKIT_POSTGRES_URL} / {@code ORGKIT_MARIADB_URL} are set) on PostgreSQL and MariaDB.
 * It prints the numbers; the statement count is also checked, on H2, by
 * {@link OrganizationDeleteStatementsTest}.
 *
 * <pre>{@code
 * ORGKIT_POSTGRES_URL=jdbc:postgresql://127.0.0.1:5432/test?user=postgres \
 *   mvn -B -ntp verify -pl spi-jdbc -am -Dorgkit.excludedGroups= -Dgroups=measurement \
 *   -Dtest=OrganizationDeleteMeasurement -Dsurefire.failIfNoSpecifiedTests=false
 * }</pre>
 */
@Tag("measurement")
class OrganizationDeleteMeasurement {
    private static final int ORGANIZATIONS = 5;

    @Test
    void deleting_an_organization_of_ten_thousand_members_and_a_thousand_keys() throws Exception {
        TestDatabase.onEveryConfiguredDatabase(OrganizationDeleteMeasurement::measure);
    }

    private static void measure(TestDatabase database) throws SQLException {
        StatementCounter counter = new StatementCounter(database.recommendedPool(4));
        JdbcStorage storage = JdbcStorage.migrate(counter.dataSource());
        try (Connection connection = counter.dataSource().getConnection()) {
            for (int i = 0; i < ORGANIZATIONS; i++) {
                OrganizationDeletion.insert(connection, "org_big_" + i, 10_000, 1_000, 1_000);
            }
            if (database.kind.equals("postgresql")) {
                connection.createStatement().execute("ANALYZE");
            }
        }
        List<Long> micros = new ArrayList<>();
        List<Integer> statements = new ArrayList<>();
        try (OrgKit kit = OrganizationDeletion.kit(storage)) {
            for (int i = 0; i < ORGANIZATIONS; i++) {
                long start = System.nanoTime();
                statements.add(OrganizationDeletion.delete(kit, counter, "org_big_" + i));
                micros.add((System.nanoTime() - start) / 1_000);
            }
        }
        System.out.printf("%s: deleting an organization of 10,000 members, 1,000 keys, 100 pending invitations:"
                + " %s microseconds (first is cold), statements %s%n", database.kind, micros, statements);
    }
}
