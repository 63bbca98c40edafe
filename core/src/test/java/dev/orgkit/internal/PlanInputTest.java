package dev.orgkit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orgkit.InvalidInputException;
import dev.orgkit.InvalidInputException.Violation;
import dev.orgkit.OrgKit;
import dev.orgkit.Principal;
import dev.orgkit.UserPrincipal;
import dev.orgkit.account.AccountId;
import dev.orgkit.spi.Storage;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Bad input to plans, alerts and statements is refused with every violation, before any storage call. */
class PlanInputTest {
    private static final UserPrincipal ANA = Principal.user("u-ana", "ana@example.com");
    private static final AccountId ACME = AccountId.of("org_1");

    private final AtomicInteger storageCalls = new AtomicInteger();
    private final OrgKit kit = OrgKit.builder()
            .storage((Storage) Proxy.newProxyInstance(Storage.class.getClassLoader(), new Class<?>[] {Storage.class},
                    (proxy, method, args) -> {
                        storageCalls.incrementAndGet();
                        throw new AssertionError("no storage call expected: " + method.getName());
                    }))
            .mailer(mail -> { })
            .clock(Clock.fixed(Instant.parse("2026-11-20T12:00:00Z"), ZoneOffset.UTC))
            .build();

    @Test
    void thresholds_out_of_range_are_each_named_and_nothing_is_written() {
        assertThatThrownBy(() -> kit.usageAlerts().set(ANA, ACME, Set.of(0, 50, 1001, -3)))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.violations())
                        .extracting(Violation::field)
                        .containsExactly("thresholds[-3]", "thresholds[0]", "thresholds[1001]"));
        assertThat(storageCalls).hasValue(0);
    }

    @Test
    void more_than_ten_thresholds_are_refused_together_with_the_bad_values() {
        Set<Integer> eleven = new HashSet<>(Set.of(10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 2000));

        assertThatThrownBy(() -> kit.usageAlerts().set(ANA, ACME, eleven))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.violations())
                        .extracting(Violation::field).containsExactly("thresholds", "thresholds[2000]"));
        assertThat(storageCalls).hasValue(0);
    }

    @Test
    void a_null_threshold_set_or_a_null_in_it_is_refused() {
        Set<Integer> withNull = new HashSet<>();
        withNull.add(null);
        withNull.add(80);

        assertThatThrownBy(() -> kit.usageAlerts().set(ANA, ACME, null)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("thresholds must not be null");
        assertThatThrownBy(() -> kit.usageAlerts().set(ANA, ACME, withNull)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("thresholds must not contain null");
        assertThat(storageCalls).hasValue(0);
    }

    @Test
    void a_statement_of_a_future_month_is_refused() {
        assertThatThrownBy(() -> kit.usage().statement(ANA, ACME, YearMonth.of(2026, 12)))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.violations())
                        .containsExactly(new Violation("month", "must not be in the future (now 2026-11)")));
        assertThatThrownBy(() -> kit.usage().statement(null, null, null))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.violations())
                        .extracting(Violation::field).containsExactly("principal", "accountId", "month"));
        assertThat(storageCalls).hasValue(0);
    }

    @Test
    void assigning_nothing_is_refused() {
        assertThatThrownBy(() -> kit.plans().assign(ACME, null)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("plan must not be null");
        assertThat(storageCalls).hasValue(0);
    }
}
