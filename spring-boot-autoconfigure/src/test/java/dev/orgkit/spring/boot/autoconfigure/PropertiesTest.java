package dev.orgkit.spring.boot.autoconfigure;

import static dev.orgkit.spring.boot.autoconfigure.Fixtures.ACME;
import static dev.orgkit.spring.boot.autoconfigure.Fixtures.ANA;
import static dev.orgkit.spring.boot.autoconfigure.Fixtures.BOB;
import static org.assertj.core.api.Assertions.assertThat;

import dev.orgkit.OrgKit;
import dev.orgkit.apikey.NewApiKey;
import dev.orgkit.mail.KeyExpiryNoticeMail;
import dev.orgkit.member.Role;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ContextConsumer;

/** orgkit.* properties reach the kit, and a wrong value stops start-up with the property's name. */
class PropertiesTest {
    private static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");

    @Test
    void the_properties_and_the_customizers_configure_the_kit() {
        Fixtures.runner()
                .withPropertyValues("orgkit.api-key-prefix=acme", "orgkit.invitation-ttl=2d",
                        "orgkit.members-manage-api-keys=true",
                        "orgkit.invitation-link=https://app.example/join?token={token}")
                .withBean(OrgKitBuilderCustomizer.class, () -> builder -> builder.clock(Clock.fixed(NOW, ZoneOffset.UTC)))
                .run(context -> {
                    OrgKit kit = context.getBean(OrgKit.class);
                    var org = kit.organizations().create(ANA, ACME);
                    var invitation = kit.members().invite(ANA, org.id(), "bob@example.com", Role.MEMBER);
                    assertThat(invitation.expiresAt()).isEqualTo(NOW.plus(Duration.ofDays(2)));

                    var mailer = context.getBean(Fixtures.RecordingMailer.class);
                    String token = mailer.sent.get(0).token();
                    assertThat(mailer.sent.get(0).acceptLink()).hasToString("https://app.example/join?token=" + token);
                    kit.invitations().accept(BOB, token);

                    var key = kit.apiKeys().create(BOB, org.id(), new NewApiKey("ci"));
                    assertThat(key.secret()).startsWith("acme_live_");
                });
    }

    @Test
    void the_expiry_notice_lead_time_decides_which_keys_are_mailed() {
        AtomicReference<Instant> now = new AtomicReference<>(NOW);
        Clock clock = new Clock() {
            @Override
            public Instant instant() {
                return now.get();
            }

            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }
        };
        Fixtures.runner()
                .withPropertyValues("orgkit.api-keys.expiry-notice=30d", "orgkit.delivery.dispatch-interval=1h")
                .withBean(OrgKitBuilderCustomizer.class, () -> builder -> builder.clock(clock))
                .run(context -> {
                    OrgKit kit = context.getBean(OrgKit.class);
                    var org = kit.organizations().create(ANA, ACME);
                    var inTwentyDays = kit.apiKeys().create(ANA, org.id(),
                            new NewApiKey("ci").expiringAt(NOW.plus(Duration.ofDays(20))));
                    kit.apiKeys().create(ANA, org.id(), new NewApiKey("later").expiringAt(NOW.plus(Duration.ofDays(40))));
                    now.set(NOW.plus(Duration.ofMinutes(2)));

                    kit.deliveries().dispatchPending();

                    var mailer = context.getBean(Fixtures.RecordingMailer.class);
                    assertThat(mailer.notices).singleElement().isInstanceOfSatisfying(KeyExpiryNoticeMail.class,
                            notice -> assertThat(notice.keyId()).isEqualTo(inTwentyDays.apiKey().id()));
                });
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', textBlock = """
            orgkit.api-key-prefix                  | Acme!
            orgkit.invitation-link                 | /invitations/{token}
            orgkit.invitation-link                 | https://app.example/invitations
            orgkit.invitation-link                 | ftp://app.example/{token}
            orgkit.invitation-ttl                  | 31d
            orgkit.invitation-ttl                  | 0s
            orgkit.support-request-ttl             | 91d
            orgkit.api-keys.expiry-notice          | 91d
            orgkit.api-keys.expiry-notice          | -1d
            orgkit.delivery.max-attempts           | 0
            orgkit.delivery.dispatch-interval      | 0s
            orgkit.delivery.dispatch-interval      | 2d
            orgkit.usage.flush-interval            | 10ms
            orgkit.usage.flush-interval            | 2h
            orgkit.jdbc.api-key-cache.max-entries  | 0
            orgkit.jdbc.api-key-cache.time-to-live | 6m
            orgkit.mail.from                       | not an address
            """)
    void a_wrong_value_stops_start_up_with_the_property_name(String property, String value) {
        Fixtures.runner().withPropertyValues(property + "=" + value).run(failsNaming(property));
    }

    @Test
    void a_backoff_cap_below_its_base_stops_start_up_with_both_names() {
        Fixtures.runner().withPropertyValues("orgkit.delivery.backoff-base=10m", "orgkit.delivery.backoff-cap=1m")
                .run(failsNaming("orgkit.delivery.backoff-cap"));
    }

    private static ContextConsumer<AssertableApplicationContext> failsNaming(String property) {
        return context -> {
            assertThat(context).hasFailed();
            FailureAnalysis report = Fixtures.analyze(context.getStartupFailure());
            // Boot names a nested record's property in its camel-case form (orgkit.delivery.maxAttempts),
            // which relaxed binding reads as the same property: compare the canonical forms.
            assertThat(canonical(report.getDescription())).contains(canonical(property));
        };
    }

    private static String canonical(String text) {
        return text.replace("-", "").toLowerCase(Locale.ROOT);
    }
}
