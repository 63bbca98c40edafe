package dev.orgkit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orgkit.account.AccountId;
import dev.orgkit.plan.Enforcement;
import dev.orgkit.plan.Plan;
import java.time.Instant;
import java.time.YearMonth;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What verify knows of an account's month without asking the storage. */
class PeriodCountersTest {
    private static final AccountId ACME = AccountId.of("org_1");
    private static final YearMonth NOVEMBER = YearMonth.of(2026, 11);
    private static final long NOV_5 = Instant.parse("2026-11-05T10:00:00Z").toEpochMilli();
    private static final long DEC_1 = Instant.parse("2026-12-01T00:00:00Z").toEpochMilli();
    private static final Optional<Plan> HARD_10 = Optional.of(Plan.monthly(10).enforcement(Enforcement.HARD));

    private final PeriodCounters counters = new PeriodCounters();

    private void verify(int times, long at) {
        for (int i = 0; i < times; i++) {
            counters.counted(ACME, at);
        }
    }

    @Test
    void a_hard_plan_refuses_once_the_month_reaches_its_limit_and_not_one_call_before() {
        counters.refreshed(ACME, NOVEMBER, 0, Optional.of(4L), HARD_10);
        verify(5, NOV_5);
        assertThat(counters.exceeded(ACME, NOV_5)).as("9 of 10").isFalse();

        verify(1, NOV_5);
        assertThat(counters.exceeded(ACME, NOV_5)).as("10 of 10").isTrue();
    }

    @Test
    void a_flush_moves_this_instances_count_into_the_stored_total_without_counting_it_twice() {
        counters.refreshed(ACME, NOVEMBER, 0, Optional.of(0L), HARD_10);
        verify(6, NOV_5);

        // The flush wrote the 6; meanwhile another instance's 3 were stored too.
        counters.refreshed(ACME, NOVEMBER, 6, Optional.of(9L), HARD_10);
        assertThat(counters.unflushed(ACME, NOVEMBER)).isZero();
        assertThat(counters.exceeded(ACME, NOV_5)).isFalse();
        verify(1, NOV_5);
        assertThat(counters.exceeded(ACME, NOV_5)).isTrue();
    }

    @Test
    void a_soft_plan_or_no_plan_never_refuses() {
        verify(50, NOV_5);
        assertThat(counters.exceeded(ACME, NOV_5)).isFalse();

        counters.refreshed(ACME, NOVEMBER, 50, Optional.of(500L), Optional.of(Plan.monthly(10)));
        assertThat(counters.exceeded(ACME, NOV_5)).isFalse();
    }

    @Test
    void a_new_month_starts_from_zero() {
        counters.refreshed(ACME, NOVEMBER, 0, Optional.of(10L), HARD_10);
        assertThat(counters.exceeded(ACME, NOV_5)).isTrue();

        assertThat(counters.exceeded(ACME, DEC_1)).isFalse();
        verify(1, DEC_1);
        assertThat(counters.unflushed(ACME, YearMonth.of(2026, 12))).isEqualTo(1);
        assertThat(counters.unflushed(ACME, NOVEMBER)).isZero();
    }

    @Test
    void a_plan_that_stops_being_hard_stops_refusing() {
        counters.refreshed(ACME, NOVEMBER, 0, Optional.of(10L), HARD_10);
        counters.refreshed(ACME, NOVEMBER, 0, Optional.of(10L), Optional.of(Plan.unlimited()));

        assertThat(counters.exceeded(ACME, NOV_5)).isFalse();
    }

    @Test
    void idle_accounts_without_a_hard_plan_are_forgotten_but_hard_ones_are_kept() {
        AccountId other = AccountId.of("org_2");
        counters.counted(other, NOV_5);
        counters.refreshed(other, NOVEMBER, 1, Optional.empty(), Optional.empty());
        counters.refreshed(ACME, NOVEMBER, 0, Optional.of(10L), HARD_10);

        counters.evictIdle(Set.of());

        assertThat(counters.hardAccounts()).containsOnlyKeys(ACME);
        assertThat(counters.exceeded(ACME, NOV_5)).isTrue();
    }
}
