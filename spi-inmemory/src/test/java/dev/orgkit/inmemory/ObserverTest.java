package dev.orgkit.inmemory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orgkit.AccessDeniedException;
import dev.orgkit.InvalidInputException;
import dev.orgkit.NotFoundException;
import dev.orgkit.OrgKit;
import dev.orgkit.Principal;
import dev.orgkit.UserPrincipal;
import dev.orgkit.account.NewOrganization;
import dev.orgkit.account.Organization;
import dev.orgkit.apikey.CreatedApiKey;
import dev.orgkit.apikey.KeyVerification;
import dev.orgkit.apikey.NewApiKey;
import dev.orgkit.delivery.DeliveryBacklog;
import dev.orgkit.member.Role;
import dev.orgkit.spi.Observer;
import dev.orgkit.tck.MutableClock;
import dev.orgkit.tck.RecordingMailer;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** What an {@link Observer} hears, what it costs when there is none, and the outbox backlog. */
class ObserverTest {
    private static final UserPrincipal ANA = Principal.user("u-ana", "ana@example.com");
    private static final UserPrincipal BOB = Principal.user("u-bob", "bob@example.com");
    private static final NewOrganization ACME =
            new NewOrganization("Acme", "Acme SAS", "alerts@acme.example", "billing@acme.example");

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-05T09:00:00Z"));
    private final RecordingMailer mailer = new RecordingMailer();
    private final Recorder recorder = new Recorder();

    private OrgKit kit(Observer... observers) {
        var builder = OrgKit.builder().storage(InMemoryStorage.create()).mailer(mailer).clock(clock);
        for (Observer observer : observers) {
            builder.observer(observer);
        }
        return builder.build();
    }

    @Test
    void every_verification_is_heard_with_its_code_and_never_with_the_key() {
        OrgKit kit = kit(recorder);
        Organization org = kit.organizations().create(ANA, ACME);
        CreatedApiKey key = kit.apiKeys().create(ANA, org.id(), new NewApiKey("ci"));

        kit.apiKeys().verify(key.secret());
        kit.apiKeys().verify("not a key");
        kit.apiKeys().revoke(ANA, key.apiKey().id());
        kit.apiKeys().verify(key.secret());

        assertThat(recorder.codes).containsExactly(KeyVerification.Code.VALID, KeyVerification.Code.MALFORMED,
                KeyVerification.Code.REVOKED);
    }

    @Test
    void every_call_of_a_service_is_heard_with_its_outcome() {
        OrgKit kit = kit(recorder);
        Organization org = kit.organizations().create(ANA, ACME);
        kit.members().invite(ANA, org.id(), "bob@example.com", Role.MEMBER);
        assertThatThrownBy(() -> kit.members().invite(ANA, org.id(), "not an address", Role.MEMBER))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> kit.organizations().leave(ANA, org.id(), "Acme"))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> kit.organizations().get(BOB, org.id())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> kit.apiKeys().create(BOB, org.id(), new NewApiKey("ci")))
                .isInstanceOf(NotFoundException.class);

        assertThat(recorder.calls).containsExactly(
                "organizations.create SUCCESS", "members.invite SUCCESS", "members.invite INVALID_INPUT",
                "organizations.leave DENIED", "organizations.get NOT_FOUND", "api_keys.create NOT_FOUND");
    }

    @Test
    void an_observer_that_throws_changes_nothing_for_the_caller_nor_for_the_next_observer() {
        Observer broken = new Observer() {
            @Override
            public void completed(String command, Outcome outcome, Duration duration) {
                throw new IllegalStateException("broken observer");
            }
        };
        OrgKit kit = kit(broken, recorder);
        Organization org = kit.organizations().create(ANA, ACME);

        assertThat(kit.organizations().get(ANA, org.id()).accountName()).isEqualTo("Acme");
        assertThat(recorder.calls).containsExactly("organizations.create SUCCESS", "organizations.get SUCCESS");
    }

    @Test
    void without_an_observer_the_services_are_not_wrapped() {
        OrgKit plain = kit();
        assertThat(Proxy.isProxyClass(plain.members().getClass())).isFalse();
        assertThat(plain.apiKeys().getClass().getSimpleName()).isEqualTo("ApiKeysService");

        OrgKit observed = kit(recorder);
        assertThat(Proxy.isProxyClass(observed.members().getClass())).isTrue();
    }

    @Test
    void the_backlog_counts_the_mails_due_and_dates_the_oldest() {
        OrgKit kit = kit();
        Organization org = kit.organizations().create(ANA, ACME);
        assertThat(kit.deliveries().backlog()).isEqualTo(new DeliveryBacklog(0, false, Optional.empty()));

        mailer.failing(true);
        kit.members().invite(ANA, org.id(), "bob@example.com", Role.MEMBER);
        Instant firstFailure = clock.instant();
        clock.advance(Duration.ofMinutes(30));
        kit.members().invite(ANA, org.id(), "carl@example.com", Role.MEMBER);
        clock.advance(Duration.ofHours(2));

        DeliveryBacklog backlog = kit.deliveries().backlog();
        assertThat(backlog.due()).isEqualTo(2);
        assertThat(backlog.capped()).isFalse();
        assertThat(backlog.oldestDueAt()).hasValueSatisfying(at -> assertThat(at).isAfter(firstFailure)
                .isBefore(firstFailure.plus(Duration.ofMinutes(30))));

        mailer.failing(false);
        kit.deliveries().dispatchPending();
        assertThat(kit.deliveries().backlog().due()).isZero();
    }

    /** Records what it hears, as text. */
    private static final class Recorder implements Observer {
        final List<KeyVerification.Code> codes = new CopyOnWriteArrayList<>();
        final List<String> calls = new CopyOnWriteArrayList<>();

        @Override
        public void verified(KeyVerification.Code code) {
            codes.add(code);
        }

        @Override
        public void completed(String command, Outcome outcome, Duration duration) {
            assertThat(duration).isPositive();
            calls.add(command + " " + outcome);
        }
    }
}
