package dev.orgkit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The retry schedule of invitation mails, and how a failure is recorded without the token. */
class DeliveryRetriesTest {
    private static final String TOKEN = "Zm9vYmFyYmF6cXV4cXV1eGNvcmdlZ3JhdWx0Z2FycGx5";

    @Test
    void each_retry_waits_twice_as_long_as_the_one_before_up_to_the_cap() {
        var settings = new DeliverySettings(Duration.ofMinutes(1), Duration.ofMinutes(10), 10, Duration.ofMinutes(5));
        assertThat(settings.backoffAfter(1)).isEqualTo(Duration.ofMinutes(1));
        assertThat(settings.backoffAfter(2)).isEqualTo(Duration.ofMinutes(2));
        assertThat(settings.backoffAfter(4)).isEqualTo(Duration.ofMinutes(8));
        assertThat(settings.backoffAfter(5)).isEqualTo(Duration.ofMinutes(10));
        assertThat(settings.backoffAfter(Integer.MAX_VALUE)).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void a_recorded_failure_names_its_causes_on_one_line_without_the_token() {
        var failure = new IllegalStateException("could not send https://app.example/i/" + TOKEN,
                new IOException("connection reset\r\nwhile writing " + TOKEN));
        String recorded = DeliveryService.describe(failure, TOKEN);
        assertThat(recorded).doesNotContain(TOKEN).doesNotContain("\n").doesNotContain("\r")
                .contains("could not send https://app.example/i/<redacted>")
                .contains("caused by java.io.IOException: connection reset while writing <redacted>");
    }

    @Test
    void a_long_failure_is_cut_to_five_hundred_characters() {
        String recorded = DeliveryService.describe(new IllegalStateException("x".repeat(2_000)), TOKEN);
        assertThat(recorded).hasSize(500).endsWith("…");
    }
}
