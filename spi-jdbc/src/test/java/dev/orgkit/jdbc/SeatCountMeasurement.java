package dev.orgkit.jdbc;

import dev.orgkit.OrgKit;
import dev.orgkit.Principal;
import dev.orgkit.UserPrincipal;
import dev.orgkit.account.AccountId;
import dev.orgkit.invitation.Invitation;
import dev.orgkit.member.Role;
import dev.orgkit.plan.Plan;
import dev.orgkit.tck.RecordingMailer;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Measures, by hand, what counting an organization's seats costs (the two reads an invite makes when
 * its plan has a seat limit: its members, and its pending invitations that expire after now) in an
 * organization of 100 members and in one of 100,000 (with 2,000 invitations stored as pending, whose time
 * ran out: the count reads and filters them), and what an {@code inviteWithLink} followed by a
 * {@code revoke} costs in each with a seat limit. It prints medians and asserts nothing.
 *
 * <pre>{@code
 * ORGKIT_POSTGRES_URL=jdbc:postgresql://127.0.0.1:5432/test?user=postgres \
 *   mvn -B -ntp verify -pl spi-jdbc -am -Dorgkit.excludedGroups= -Dgroups=measurement -Dtest=SeatCountMeasurement \
 *   -Dsurefire.failIfNoSpecifiedTests=false
 * }</pre>
 */
@Tag("measurement")
class SeatCountMeasurement {
    private static final int WARM_UP = 300;
    private static final int ROUNDS = 10;
    private static final int PER_ROUND = 50;

    @Test
    void counting_the_seats_of_a_small_and_a_huge_organization() throws Exception {
        TestDatabase.onEveryConfiguredDatabase(SeatCountMeasurement::measure);
    }

    private static void measure(TestDatabase database) throws SQLException {
        DataSource pool = database.recommendedPool(4);
        JdbcStorage storage = JdbcStorage.migrate(pool);
        try (Connection connection = pool.getConnection()) {
            TestDatabase.insertOrganization(connection, "org_small", 100);
            TestDatabase.insertOrganization(connection, "org_huge", 100_000);
            TestDatabase.insertInvitationsAndEvents(connection, "org_huge", 20_000);
            if (database.kind.equals("postgresql")) {
                connection.createStatement().execute("ANALYZE");
            }
        }
        try (OrgKit kit = OrgKit.builder().storage(storage).mailer(new RecordingMailer()).build()) {
            UserPrincipal admin = Principal.user("u-000000", "u-000000@big.example");
            Map<String, Runnable> calls = new LinkedHashMap<>();
            int[] next = {0};
            for (String org : List.of("org_small", "org_huge")) {
                AccountId id = AccountId.of(org);
                kit.plans().assign(id, Plan.unlimited().seats(Plan.MAX_SEATS));
                calls.put(org + " seat count", () -> storage.read(tx ->
                        tx.members().count(id) + tx.invitations().countPending(id, Instant.now())));
                calls.put(org + " inviteWithLink+revoke", () -> {
                    Invitation invited = kit.members().inviteWithLink(admin, id, "n" + next[0]++ + "@new.example",
                            Role.MEMBER).invitation();
                    kit.invitations().revoke(admin, invited.id());
                });
            }
            calls.values().forEach(call -> repeat(call, WARM_UP));
            Map<String, long[]> samples = new LinkedHashMap<>();
            calls.keySet().forEach(name -> samples.put(name, new long[ROUNDS * PER_ROUND]));
            for (int round = 0; round < ROUNDS; round++) {
                for (Map.Entry<String, Runnable> call : calls.entrySet()) {
                    long[] nanos = samples.get(call.getKey());
                    for (int i = 0; i < PER_ROUND; i++) {
                        long start = System.nanoTime();
                        call.getValue().run();
                        nanos[round * PER_ROUND + i] = System.nanoTime() - start;
                    }
                }
            }
            samples.forEach((name, nanos) -> report(database.kind, name, nanos));
        }
    }

    private static void repeat(Runnable call, int times) {
        for (int i = 0; i < times; i++) {
            call.run();
        }
    }

    private static void report(String database, String call, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        System.out.printf("SEAT-COUNT %-10s %-28s median %8.1f µs   p90 %8.1f µs   (%d calls)%n", database, call,
                sorted[sorted.length / 2] / 1000.0, sorted[sorted.length * 9 / 10] / 1000.0, sorted.length);
    }
}
