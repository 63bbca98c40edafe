package dev.orgkit.spring.boot.autoconfigure.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The invitation link template: where the token goes, and which templates are refused. */
class InvitationLinksTest {

    @Test
    void the_token_takes_the_place_of_its_placeholder() {
        assertThat(InvitationLinks.of("https://app.example/join?token={token}&src=mail").apply("abc-_123"))
                .hasToString("https://app.example/join?token=abc-_123&src=mail");
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://app.example/invitations", "/invitations/{token}", "mailto:x@y.example?{token}",
            "javascript:alert(1)//{token}", "https://app example/{token}", "http:///{token}"})
    void a_template_that_is_not_an_absolute_web_link_with_a_token_is_refused(String template) {
        assertThat(InvitationLinks.problem(template)).isNotNull();
        assertThatThrownBy(() -> InvitationLinks.of(template)).hasMessageContaining("orgkit.invitation-link");
    }
}
