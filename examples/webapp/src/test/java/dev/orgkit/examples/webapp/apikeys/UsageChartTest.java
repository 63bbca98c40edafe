package dev.orgkit.examples.webapp.apikeys;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orgkit.apikey.ApiKeyId;
import dev.orgkit.apikey.DailyUsage;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UsageChartTest {
    private static final ApiKeyId CI = ApiKeyId.of("key_ci");
    private static final ApiKeyId WEB = ApiKeyId.of("key_web");
    private static final LocalDate FIRST = LocalDate.of(2026, 11, 1);

    @Test
    void each_key_used_on_a_day_is_one_bar_stacked_on_the_day_and_sized_by_its_calls() {
        var chart = UsageChart.of(List.of(
                new DailyUsage(FIRST, 0, Map.of()),
                new DailyUsage(FIRST.plusDays(1), 30, Map.of(CI, 10L, WEB, 20L))), Map.of(CI, "ci", WEB, "web"));

        assertThat(chart.bars()).hasSize(2);
        var ci = chart.bars().get(0);
        var web = chart.bars().get(1);
        assertThat(web.height()).isEqualTo(ci.height() * 2, org.assertj.core.data.Offset.offset(0.2));
        assertThat(web.y() + web.height()).isEqualTo(ci.y(), org.assertj.core.data.Offset.offset(0.2));
        assertThat(ci.title()).isEqualTo("2026-11-02: 10 calls with ci");
        assertThat(chart.legend()).extracting(UsageChart.LegendEntry::name, UsageChart.LegendEntry::calls)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("ci", 10L), org.assertj.core.groups.Tuple.tuple("web", 20L));
        assertThat(chart.total()).isEqualTo(30);
        assertThat(chart.max()).isEqualTo(30);
    }

    @Test
    void the_scale_tops_out_at_a_round_number_at_least_the_busiest_day() {
        assertThat(UsageChart.niceCeiling(0)).isEqualTo(4);
        assertThat(UsageChart.niceCeiling(3)).isEqualTo(4);
        assertThat(UsageChart.niceCeiling(9)).isEqualTo(20);
        assertThat(UsageChart.niceCeiling(30)).isEqualTo(40);
        assertThat(UsageChart.niceCeiling(1_234)).isEqualTo(2_000);
        var chart = UsageChart.of(List.of(new DailyUsage(FIRST, 3, Map.of(CI, 3L))), Map.of());
        assertThat(chart.ticks()).extracting(UsageChart.Tick::label).containsExactly("0", "1", "2", "3", "4");
    }

    @Test
    void a_month_without_calls_draws_no_bar_and_no_legend() {
        var chart = UsageChart.of(List.of(new DailyUsage(FIRST, 0, Map.of())), Map.of());
        assertThat(chart.bars()).isEmpty();
        assertThat(chart.legend()).isEmpty();
        assertThat(chart.total()).isZero();
    }
}
