package dev.orgkit.tck.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orgkit.InvalidInputException;
import dev.orgkit.tck.internal.Hostile.Leeway;
import dev.orgkit.tck.internal.HostileValues.BuildFailure;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class HostileValuesTest {
    private final HostileValues values = new HostileValues(Map.of());

    /** A host's form: a name and an optional email. */
    public record Form(String name, Optional<String> email) {}

    /** A value type whose constructor refuses a blank name, the way orgkit's ids do. */
    public record Checked(String name) {
        public Checked {
            if (name == null || name.isBlank()) {
                throw new InvalidInputException(List.of(new InvalidInputException.Violation("name", "must not be blank")));
            }
        }
    }

    @Test
    void a_type_without_hostile_values_is_named_rather_than_skipped() {
        assertThatThrownBy(() -> values.of(AtomicInteger.class, "counter", new AtomicInteger(), false))
                .isInstanceOf(HostileValues.NoHostileValues.class)
                .hasMessageContaining("java.util.concurrent.atomic.AtomicInteger");
    }

    @Test
    void text_must_be_exact_where_its_name_says_email_token_or_secret_and_may_be_unusual_elsewhere() {
        assertThat(leewayOf("emoji", values.of(String.class, "email", "a@example.com", false))).isEqualTo(Leeway.REFUSE);
        assertThat(leewayOf("emoji", values.of(String.class, "reason", "left", false))).isEqualTo(Leeway.MAY_ACCEPT);
        assertThat(leewayOf("NUL", values.of(String.class, "reason", "left", false))).isEqualTo(Leeway.REFUSE);
        assertThat(leewayOf("null", values.of(String.class, "secret", "x", true))).isEqualTo(Leeway.MAY_READ);
    }

    @Test
    void a_record_gets_every_hostile_value_of_every_component_through_its_canonical_constructor() {
        Form valid = new Form("Acme", Optional.of("a@example.com"));
        List<Hostile> hostile = values.of(Form.class, "form", valid, false);
        Form built = (Form) hostile.stream().filter(h -> h.label().equals("Form.email = Optional.of(bob@)"))
                .findFirst().orElseThrow().value().get();
        assertThat(built).isEqualTo(new Form("Acme", Optional.of("bob@")));
        assertThat(hostile).extracting(Hostile::label).contains("null", "Form.name = null", "Form.name = NUL",
                "Form.email = Optional.empty()");
        assertThat(leewayOf("Form.email = Optional.of(bob@)", hostile)).isEqualTo(Leeway.REFUSE);
    }

    @Test
    void a_constructor_that_refuses_a_value_is_reported_as_a_build_failure_with_its_exception() {
        Hostile blank = values.of(Checked.class, "checked", new Checked("ok"), false).stream()
                .filter(h -> h.label().equals("Checked.name = blank")).findFirst().orElseThrow();
        assertThatThrownBy(() -> blank.value().get()).isInstanceOf(BuildFailure.class)
                .hasCauseInstanceOf(InvalidInputException.class);
    }

    private static Leeway leewayOf(String label, List<Hostile> hostile) {
        return hostile.stream().filter(h -> h.label().equals(label)).findFirst().orElseThrow().leeway();
    }
}
