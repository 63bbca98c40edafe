package dev.orgkit.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orgkit.InvalidInputException;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class PlanTest {

    @Test
    void a_plan_is_built_fluently_and_each_step_leaves_the_previous_plan_as_it_was() {
        Plan soft = Plan.monthly(100_000);
        Plan hard = soft.enforcement(Enforcement.HARD);
        Plan seated = hard.seats(25);

        assertThat(soft.enforcement()).isEqualTo(Enforcement.SOFT);
        assertThat(soft.seats()).isEmpty();
        assertThat(hard.isHard()).isTrue();
        assertThat(seated).isEqualTo(new Plan(OptionalLong.of(100_000), Enforcement.HARD, OptionalInt.of(25)));
        assertThat(seated.monthlyCalls()).hasValue(100_000);
        assertThat(seated.isUnlimited()).isFalse();
    }

    @Test
    void the_unlimited_plan_limits_nothing_and_enforces_nothing() {
        assertThat(Plan.unlimited().isUnlimited()).isTrue();
        assertThat(Plan.unlimited().monthlyCalls()).isEmpty();
        assertThat(Plan.unlimited().isHard()).isFalse();
    }

    @Test
    void a_plan_with_bad_limits_is_refused_with_every_violation_listed() {
        assertThatThrownBy(() -> new Plan(OptionalLong.of(0), Enforcement.HARD, OptionalInt.of(-1)))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.violations())
                        .extracting(InvalidInputException.Violation::field)
                        .containsExactly("monthlyCalls", "seats"));
        assertThatThrownBy(() -> Plan.monthly(-5)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("monthlyCalls must be from 1 to");
        assertThatThrownBy(() -> Plan.monthly(Plan.MAX_MONTHLY_CALLS + 1)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> Plan.monthly(10).seats(Plan.MAX_SEATS + 1)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("seats");
    }

    @Test
    void hard_enforcement_needs_a_limit_to_enforce() {
        assertThatThrownBy(() -> Plan.unlimited().enforcement(Enforcement.HARD))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("enforcement HARD needs a monthlyCalls limit");
    }

    @Test
    void a_plan_without_its_parts_is_refused_naming_each() {
        assertThatThrownBy(() -> new Plan(null, null, null))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.violations())
                        .extracting(InvalidInputException.Violation::field)
                        .containsExactly("monthlyCalls", "enforcement", "seats"));
    }
}
