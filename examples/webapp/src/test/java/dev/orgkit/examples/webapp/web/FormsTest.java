package dev.orgkit.examples.webapp.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orgkit.AccessDeniedException;
import dev.orgkit.InvalidInputException;
import dev.orgkit.policy.DenialCode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.ui.ExtendedModelMap;

class FormsTest {

    @Test
    void each_violation_of_a_command_is_shown_under_its_field_name_as_a_sentence() {
        var model = new ExtendedModelMap();
        var result = Forms.attempt(model, "create", () -> {
            throw new InvalidInputException(List.of(
                    new InvalidInputException.Violation("form.legalName", "must not be blank"),
                    new InvalidInputException.Violation("form.alertingEmail", "must be a well-formed email address")));
        });

        assertThat(result).isEmpty();
        assertThat(model.get(Forms.ERRORS)).isEqualTo(Map.of(
                "legalName", "Must not be blank.", "alertingEmail", "Must be a well-formed email address."));
        assertThat(model.containsAttribute(Forms.REFUSAL)).isFalse();
    }

    @Test
    void a_refusal_of_the_policy_engine_is_shown_next_to_the_control_with_its_remedy() {
        var model = new ExtendedModelMap();
        boolean done = Forms.run(model, "leave", () -> {
            throw new AccessDeniedException(DenialCode.LAST_ADMIN.denial());
        });

        assertThat(done).isFalse();
        Refusal refusal = (Refusal) model.get(Forms.REFUSAL);
        assertThat(refusal.isAbout("leave")).isTrue();
        assertThat(refusal.message()).isEqualTo("An organization must keep at least one admin.");
        assertThat(refusal.remedy()).hasValue("Promote another member first.");
    }

    @Test
    void a_command_that_goes_through_leaves_the_model_alone() {
        var model = new ExtendedModelMap();
        assertThat(Forms.attempt(model, "create", () -> "created")).hasValue("created");
        assertThat(model).isEmpty();
    }
}
