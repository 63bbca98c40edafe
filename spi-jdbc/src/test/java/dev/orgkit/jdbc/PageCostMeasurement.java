package dev.orgkit.jdbc;

import dev.orgkit.OrgKit;
import dev.orgkit.Page;
import dev.orgkit.PageRequest;
import dev.orgkit.Principal;
import dev.orgkit.UserPrincipal;
import dev.orgkit.account.AccountId;
import dev.orgkit.member.Membership;
import dev.orgkit.tck.RecordingMailer;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Measures, by hand, what a page of 50 members costs in an organization of 100 members and in one
 * of 100,000, on H2 and (when {@code ORGKIT_POSTGRES_URL} / {@code ORGKIT_MARIADB_URL} are set) on
 * PostgreSQL and MariaDB, through {@code kit.members().list}. It prints medians; it asserts nothing,
 * because timings are not tests (the JMH suite in {@code benchmarks} is where budgets are checked).
 *
 * <pre>{@code
 * ORGKIT_POSTGRES_URL=jdbc:postgresql://127.0.0.1:5432/test?user=postgres \
 *   mvn -B -ntp verify -pl spi-jdbc -am -Dorgkit.excludedGroups= -Dgroups=measurement -Dtest=PageCostMeasurement \
 *   -Dsurefire.failIfNoSpecifiedTests=false
 * }</pre>
 */
@Tag("measurement")
class PageCostMeasurement {
    private static final int WARM_UP = 2_000;
    /** Rounds that take turns between the pages, so that noise from other processes falls on all of them. */
    private static final int ROUNDS = 10;
    private static final int PER_ROUND = 300;

    @Test
    void a_page_of_members_costs_the_same_in_a_small_and_a_huge_organization() throws Exception {
        TestDatabase.onEveryConfiguredDatabase(PageCostMeasurement::measure);
    }

    private static void measure(TestDatabase database) throws SQLException {
        DataSource pool = database.recommendedPool(4);
        JdbcStorage storage = JdbcStorage.migrate(pool);
        try (Connection connection = pool.getConnection()) {
            TestDatabase.insertOrganization(connection, "org_small", 100);
            TestDatabase.insertOrganization(connection, "org_huge", 100_000);
            if (database.kind.equals("postgresql")) {
                connection.createStatement().execute("ANALYZE");
            }
        }
        try (OrgKit kit = OrgKit.builder().storage(storage).mailer(new RecordingMailer()).build()) {
            UserPrincipal admin = Principal.user("u-000000", "u-000000@big.example");
            Map<String, Runnable> pages = new LinkedHashMap<>();
            for (String org : List.of("org_small", "org_huge")) {
                AccountId id = AccountId.of(org);
                // The second page, and for the huge organization one deep inside it (after u-050049).
                Page<Membership> page = kit.members().list(admin, id, PageRequest.first(50));
                String second = page.nextCursor().orElseThrow();
                for (int i = 0; org.equals("org_huge") && i < 1_000; i++) {
                    page = kit.members().list(admin, id, PageRequest.after(page.nextCursor().orElseThrow(), 50));
                }
                String deep = page.nextCursor().orElseThrow();
                pages.put(org + " first page", () -> kit.members().list(admin, id, PageRequest.first(50)));
                pages.put(org + " second page", () -> kit.members().list(admin, id, PageRequest.after(second, 50)));
                if (org.equals("org_huge")) {
                    pages.put(org + " page 1,002", () -> kit.members().list(admin, id, PageRequest.after(deep, 50)));
                }
            }
            pages.values().forEach(page -> repeat(page, WARM_UP));
            Map<String, long[]> samples = new LinkedHashMap<>();
            pages.keySet().forEach(name -> samples.put(name, new long[ROUNDS * PER_ROUND]));
            for (int round = 0; round < ROUNDS; round++) {
                for (Map.Entry<String, Runnable> page : pages.entrySet()) {
                    long[] nanos = samples.get(page.getKey());
                    for (int i = 0; i < PER_ROUND; i++) {
                        long start = System.nanoTime();
                        page.getValue().run();
                        nanos[round * PER_ROUND + i] = System.nanoTime() - start;
                    }
                }
            }
            samples.forEach((name, nanos) -> report(database.kind, name, nanos));
        }
    }

    private static void repeat(Runnable page, int times) {
        for (int i = 0; i < times; i++) {
            page.run();
        }
    }

    private static void report(String database, String page, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        System.out.printf("PAGE-COST %-10s %-24s median %7.1f µs   p90 %7.1f µs   (%d calls)%n", database, page,
                sorted[sorted.length / 2] / 1000.0, sorted[sorted.length * 9 / 10] / 1000.0, sorted.length);
    }
}
