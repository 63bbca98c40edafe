package dev.orgkit.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.YearMonth;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class PeriodUsageTest {

    @Test
    void a_period_is_the_calendar_month_in_utc() {
        PeriodUsage february = PeriodUsage.of(YearMonth.of(2028, 2), 0, OptionalLong.empty());

        assertThat(february.periodStart()).isEqualTo(Instant.parse("2028-02-01T00:00:00Z"));
        assertThat(february.periodEnd()).isEqualTo(Instant.parse("2028-03-01T00:00:00Z"));
    }

    @Test
    void the_percentage_is_rounded_down_so_a_threshold_is_reached_only_when_it_really_is() {
        assertThat(PeriodUsage.of(YearMonth.of(2026, 11), 799, OptionalLong.of(1000)).percent()).hasValue(79);
        assertThat(PeriodUsage.of(YearMonth.of(2026, 11), 800, OptionalLong.of(1000)).percent()).hasValue(80);
        assertThat(PeriodUsage.of(YearMonth.of(2026, 11), 2, OptionalLong.of(3)).percent()).hasValue(66);
        assertThat(PeriodUsage.of(YearMonth.of(2026, 11), 31, OptionalLong.of(3)).percent()).hasValue(1033);
    }

    @Test
    void an_unlimited_account_has_no_percentage_and_no_overage() {
        PeriodUsage usage = PeriodUsage.of(YearMonth.of(2026, 11), 5_000_000, OptionalLong.empty());

        assertThat(usage.percent()).isEmpty();
        assertThat(usage.overage()).isZero();
    }

    @Test
    void the_overage_is_what_the_month_used_beyond_the_plan() {
        assertThat(PeriodUsage.of(YearMonth.of(2026, 11), 1_250, OptionalLong.of(1_000)).overage()).isEqualTo(250);
        assertThat(PeriodUsage.of(YearMonth.of(2026, 11), 999, OptionalLong.of(1_000)).overage()).isZero();
    }

    @Test
    void huge_counts_do_not_overflow_the_percentage() {
        assertThat(PeriodUsage.percentOf(Long.MAX_VALUE, Plan.MAX_MONTHLY_CALLS)).isEqualTo(922_337_203);
        assertThat(PeriodUsage.percentOf(Long.MAX_VALUE, 1)).isEqualTo(Integer.MAX_VALUE);
        assertThat(PeriodUsage.percentOf(Long.MAX_VALUE / 2, Long.MAX_VALUE)).isEqualTo(49);
    }
}
