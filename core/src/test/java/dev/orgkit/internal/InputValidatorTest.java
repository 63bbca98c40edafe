package dev.orgkit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orgkit.InvalidInputException;
import dev.orgkit.InvalidInputException.Violation;
import dev.orgkit.account.NewOrganization;
import dev.orgkit.account.ProfileUpdate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Jakarta Validation of input records, without an Expression Language implementation. */
class InputValidatorTest {
    final InputValidator validator = new InputValidator();

    @AfterEach
    void close() {
        validator.close();
    }

    @Test
    void a_valid_form_has_no_violation() {
        assertThat(validator.violations("form",
                new NewOrganization("Acme", "Acme SAS", "alerts@acme.example", "billing@acme.example"))).isEmpty();
    }

    @Test
    void every_invalid_field_of_a_form_is_reported_at_once() {
        var form = new NewOrganization(" ", "x".repeat(201), "not-an-email", "billing@acme.example\r\nBcc: eve@evil.example");
        assertThatThrownBy(() -> validator.validate("form", form))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.violations())
                        .extracting(Violation::field)
                        .containsExactly("form.accountName", "form.alertingEmail", "form.invoicingEmail", "form.legalName"));
    }

    @Test
    void control_characters_are_refused_in_names() {
        assertThat(validator.violations("form",
                new NewOrganization("Acme\u0000", "Acme\tSAS", "alerts@acme.example", "billing@acme.example")))
                .containsExactly(new Violation("form.accountName", "must not contain control characters"),
                        new Violation("form.legalName", "must not contain control characters"));
    }

    @Test
    void messages_are_interpolated_without_expression_language() {
        assertThat(validator.violations("update", new ProfileUpdate("x".repeat(201), "ops@acme.example", "ap@acme.example")))
                .containsExactly(new Violation("update.legalName", "size must be between 0 and 200"));
    }

    @Test
    void a_missing_input_is_a_violation_not_a_null_pointer() {
        assertThatThrownBy(() -> validator.validate("form", null))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.violations())
                        .containsExactly(new Violation("form", "must not be null")));
    }
}
