package dev.orgkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orgkit.InvalidInputException.Violation;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Value types validate once, in their constructors, and normalize what they hold. */
class ValuesTest {

    @Test
    void an_email_address_is_trimmed_and_lower_cased_once() {
        assertThat(EmailAddress.of("  Ana.Lopez+work@Example.COM ").value()).isEqualTo("ana.lopez+work@example.com");
        assertThat(EmailAddress.of("ANA@example.com")).isEqualTo(EmailAddress.of("ana@EXAMPLE.com"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "ana", "ana@", "@example.com", "ana@example", "ana@@example.com",
            "ana example@example.com", "ana@exa mple.com", "ana@example.com\nBcc: eve@example.com", "ana@-example.com"})
    void a_malformed_email_address_is_refused(String raw) {
        assertThatThrownBy(() -> EmailAddress.of(raw))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.violations()).extracting(Violation::field).containsExactly("email"));
    }

    @Test
    void an_email_address_longer_than_smtp_allows_is_refused() {
        String label = "b".repeat(63);
        String tooLong = "a".repeat(64) + "@" + label + "." + label + "." + label + "." + label + ".example";
        assertThat(EmailAddress.problem(tooLong)).contains("must be at most 254 characters");
    }

    @Test
    void a_principal_with_a_blank_id_or_a_bad_email_is_refused() {
        assertThatThrownBy(() -> Principal.user(" ", "ana@example.com")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> Principal.user("u-ana", "ana")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> Principal.support("")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> UserId.of("u\u0007ana")).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void a_page_holds_between_one_and_five_hundred_items() {
        assertThat(PageRequest.first(1).size()).isEqualTo(1);
        assertThat(PageRequest.first(500).size()).isEqualTo(500);
        assertThatThrownBy(() -> PageRequest.first(0)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> PageRequest.first(501)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> PageRequest.after("", 0))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.violations())
                        .extracting(Violation::field).containsExactly("size", "cursor"));
    }
}
