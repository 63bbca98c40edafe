package dev.orgkit.tck.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ShrinkerTest {
    private static final List<Integer> HUNDRED = IntStream.rangeClosed(1, 100).boxed().toList();

    @Test
    void a_failure_that_needs_two_elements_shrinks_to_exactly_those_two_in_order() {
        var shrinker = new Shrinker<Integer>(list -> list.indexOf(17) >= 0 && list.indexOf(17) < list.indexOf(42), 10_000);
        assertThat(shrinker.shrink(HUNDRED)).containsExactly(17, 42);
    }

    @Test
    void a_failure_that_needs_every_element_is_not_shortened() {
        var shrinker = new Shrinker<Integer>(list -> list.size() == 5, 10_000);
        assertThat(shrinker.shrink(List.of(1, 2, 3, 4, 5))).containsExactly(1, 2, 3, 4, 5);
    }

    @Test
    void the_shrinker_stops_after_its_budget_and_keeps_the_best_so_far() {
        var shrinker = new Shrinker<Integer>(list -> list.contains(99), 3);
        List<Integer> shrunk = shrinker.shrink(HUNDRED);
        assertThat(shrinker.tries()).isEqualTo(3);
        assertThat(shrunk).contains(99).hasSizeLessThan(100);
    }
}
