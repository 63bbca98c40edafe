package dev.orgkit.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.orgkit.ConflictException;
import dev.orgkit.OrgKit;
import dev.orgkit.OrgKitException;
import dev.orgkit.UserPrincipal;
import dev.orgkit.account.AccountId;
import dev.orgkit.account.NewOrganization;
import dev.orgkit.account.Organization;
import dev.orgkit.audit.AuditAction;
import dev.orgkit.audit.AuditEvent;
import dev.orgkit.invitation.BulkInvitation;
import dev.orgkit.invitation.Invitation;
import dev.orgkit.invitation.InviteRequest;
import dev.orgkit.member.Membership;
import dev.orgkit.member.Role;
import dev.orgkit.plan.Plan;
import dev.orgkit.policy.DenialCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Seats (R14): a plan's {@code seats} caps an organization's members plus its pending, unexpired
 * invitations. Inviting beyond it is refused with {@code SEAT_LIMIT_REACHED}; revoking an invitation,
 * removing a member, an invitation's expiry or a larger plan frees seats; without a limit there is
 * none, not even a hidden one; accepting is refused only while the organization is over its limit;
 * and two kits racing for the last seat never share out more seats than there are.
 *
 * @since 0.2.0
 */
public abstract class SeatsContract extends ContractFixture {
    private static final long TIMEOUT_SECONDS = 60;

    /** An admin of Acme. */
    protected final UserPrincipal ana = user("ana");

    /**
     * How many rounds the race for the last seat runs: {@code -Dorgkit.concurrency.rounds}, or
     * {@value ConcurrencyContract#DEFAULT_ROUNDS}. Storages with slow transactions may override it lower.
     */
    protected int rounds() {
        return ConcurrencyContract.configuredRounds();
    }

    /** Acme with a plan of {@code seats} seats; Ana, its admin, takes one. */
    protected Organization acmeWithSeats(int seats) {
        Organization acme = acme(ana);
        kit.plans().assign(acme.id(), Plan.unlimited().seats(seats));
        return acme;
    }

    private Invitation invite(AccountId organizationId, String name) {
        return kit.members().invite(ana, organizationId, name + "@example.com", Role.MEMBER);
    }

    @Test
    void without_a_seat_limit_an_organization_invites_without_any_hidden_cap() {
        Organization acme = acme(ana);
        kit.plans().assign(acme.id(), Plan.monthly(1_000));
        List<InviteRequest> hundred = IntStream.range(0, 100)
                .mapToObj(i -> new InviteRequest("user" + i + "@example.com", Role.MEMBER)).toList();

        BulkInvitation bulk = kit.members().inviteAll(ana, acme.id(), hundred);
        Invitation oneMore = invite(acme.id(), "bob");

        assertThat(bulk.invitations()).hasSize(100);
        assertThat(pending(ana, acme.id())).hasSize(101).contains(oneMore);
        assertThat(kit.plans().get(ana, acme.id()).seats()).isEmpty();
    }

    @Test
    void inviting_beyond_the_seats_is_refused_with_the_remedy_and_changes_nothing() {
        Organization acme = acmeWithSeats(3);
        invite(acme.id(), "bob");
        invite(acme.id(), "carl");
        int events = trail(acme.id()).size();
        int mails = mailer.attempted().size();

        Throwable refused = catchThrowable(() -> invite(acme.id(), "dan"));

        assertThat(refused).isInstanceOf(ConflictException.class);
        assertThat(((ConflictException) refused).code()).isEqualTo(DenialCode.SEAT_LIMIT_REACHED);
        assertThat(((ConflictException) refused).denial().remedy()).contains("Upgrade the plan or revoke an invitation.");
        assertThat(refusal(() -> kit.members().inviteWithLink(ana, acme.id(), "dan@example.com", Role.MEMBER)))
                .isEqualTo(DenialCode.SEAT_LIMIT_REACHED);
        assertThat(pending(ana, acme.id())).extracting(i -> i.email().value())
                .containsExactlyInAnyOrder("bob@example.com", "carl@example.com");
        assertThat(trail(acme.id())).hasSize(events);
        assertThat(mailer.attempted()).hasSize(mails);
    }

    @Test
    void revoking_an_invitation_frees_its_seat() {
        Organization acme = acmeWithSeats(2);
        Invitation bob = invite(acme.id(), "bob");
        assertThat(refusal(() -> invite(acme.id(), "carl"))).isEqualTo(DenialCode.SEAT_LIMIT_REACHED);

        kit.invitations().revoke(ana, bob.id());

        assertThat(invite(acme.id(), "carl").email().value()).isEqualTo("carl@example.com");
    }

    @Test
    void removing_a_member_frees_a_seat() {
        Organization acme = acmeWithSeats(2);
        UserPrincipal bob = user("bob");
        join(ana, acme.id(), bob, Role.MEMBER);
        assertThat(refusal(() -> invite(acme.id(), "carl"))).isEqualTo(DenialCode.SEAT_LIMIT_REACHED);

        kit.members().remove(ana, acme.id(), bob.userId(), "bob@example.com");
        invite(acme.id(), "carl");

        assertThat(pending(ana, acme.id())).extracting(i -> i.email().value()).containsExactly("carl@example.com");
    }

    @Test
    void raising_the_limit_frees_seats_and_a_plan_without_seats_lifts_it() {
        Organization acme = acmeWithSeats(2);
        invite(acme.id(), "bob");
        assertThat(refusal(() -> invite(acme.id(), "carl"))).isEqualTo(DenialCode.SEAT_LIMIT_REACHED);

        kit.plans().assign(acme.id(), Plan.unlimited().seats(3));
        invite(acme.id(), "carl");
        assertThat(refusal(() -> invite(acme.id(), "dan"))).isEqualTo(DenialCode.SEAT_LIMIT_REACHED);

        kit.plans().assign(acme.id(), Plan.unlimited());
        invite(acme.id(), "dan");
        assertThat(pending(ana, acme.id())).hasSize(3);
    }

    @Test
    void an_expired_invitation_holds_no_seat_and_resending_it_needs_one() {
        Organization acme = acmeWithSeats(2);
        Invitation bob = invite(acme.id(), "bob");
        clock.advance(OrgKit.Builder.DEFAULT_INVITATION_TTL.plusMinutes(1));

        invite(acme.id(), "carl");

        assertThat(refusal(() -> kit.invitations().resend(ana, bob.id()))).isEqualTo(DenialCode.SEAT_LIMIT_REACHED);
        assertThat(refusal(() -> invite(acme.id(), "bob"))).isEqualTo(DenialCode.SEAT_LIMIT_REACHED);
        kit.plans().assign(acme.id(), Plan.unlimited().seats(3));
        assertThat(kit.invitations().resend(ana, bob.id()).expiresAt()).isAfter(clock.instant());
    }

    @Test
    void accepting_takes_over_the_seat_of_the_invitation() {
        Organization acme = acmeWithSeats(2);
        invite(acme.id(), "bob");

        Membership bob = kit.invitations().accept(user("bob"), mailer.lastTokenFor("bob@example.com"));

        assertThat(bob.role()).isEqualTo(Role.MEMBER);
        assertThat(members(acme.id())).hasSize(2);
        assertThat(refusal(() -> invite(acme.id(), "carl"))).isEqualTo(DenialCode.SEAT_LIMIT_REACHED);
    }

    @Test
    void while_the_plan_is_lowered_below_the_seats_in_use_nobody_joins_until_an_admin_revokes() {
        Organization acme = acmeWithSeats(4);
        invite(acme.id(), "bob");
        Invitation carl = invite(acme.id(), "carl");
        Invitation dan = invite(acme.id(), "dan");
        kit.plans().assign(acme.id(), Plan.unlimited().seats(2));
        String bobsToken = mailer.lastTokenFor("bob@example.com");
        int events = trail(acme.id()).size();

        assertThat(refusal(() -> kit.invitations().accept(user("bob"), bobsToken)))
                .isEqualTo(DenialCode.SEAT_LIMIT_REACHED);
        assertThat(members(acme.id())).hasSize(1);
        assertThat(pending(ana, acme.id())).hasSize(3);
        assertThat(trail(acme.id())).hasSize(events);

        kit.invitations().revoke(ana, carl.id());
        assertThat(refusal(() -> kit.invitations().accept(user("bob"), bobsToken)))
                .isEqualTo(DenialCode.SEAT_LIMIT_REACHED);
        kit.invitations().revoke(ana, dan.id());

        assertThat(kit.invitations().accept(user("bob"), bobsToken).role()).isEqualTo(Role.MEMBER);
        assertThat(members(acme.id())).hasSize(2);
    }

    @Test
    void seats_are_counted_per_organization() {
        Organization acme = acmeWithSeats(2);
        Organization globex = kit.organizations().create(ana,
                new NewOrganization("Globex", "Globex SAS", "alerts@globex.example", "billing@globex.example"));
        invite(acme.id(), "bob");
        for (String name : List.of("carl", "dan", "erin")) {
            invite(globex.id(), name);
        }

        assertThat(refusal(() -> invite(acme.id(), "carl"))).isEqualTo(DenialCode.SEAT_LIMIT_REACHED);
        kit.plans().assign(globex.id(), Plan.unlimited().seats(5));
        assertThat(invite(globex.id(), "bob").organizationId()).isEqualTo(globex.id());
    }

    /** Protects R14: two kits (two instances of the host) inviting for the last seat at once: exactly one gets it. */
    @Test
    void of_two_kits_inviting_for_the_last_seat_at_once_exactly_one_gets_it() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try (OrgKit other = OrgKit.builder().storage(storage).mailer(mailer).clock(clock).build()) {
            for (int round = 0; round < rounds(); round++) {
                Organization org = kit.organizations().create(ana, new NewOrganization("Org",
                        "Org " + round + " SAS", "alerts@org.example", "billing@org.example"));
                kit.plans().assign(org.id(), Plan.unlimited().seats(3));
                kit.members().invite(ana, org.id(), "bob@example.com", Role.MEMBER);

                List<Optional<Throwable>> outcomes = race(threads,
                        () -> kit.members().invite(ana, org.id(), "carl@example.com", Role.MEMBER),
                        () -> other.members().invite(ana, org.id(), "dan@example.com", Role.MEMBER));

                List<Throwable> failures = outcomes.stream().flatMap(Optional::stream).toList();
                assertThat(failures).as("round %d: exactly one of two is refused", round).hasSize(1);
                assertThat(failures.get(0)).as("round %d", round).isInstanceOf(OrgKitException.class);
                assertThat(codeOf(failures.get(0))).as("round %d: %s", round, failures.get(0))
                        .contains(DenialCode.SEAT_LIMIT_REACHED);
                assertThat(pending(ana, org.id())).as("round %d", round).hasSize(2);
                assertThat(trail(org.id())).as("round %d", round)
                        .filteredOn(event -> event.action() == AuditAction.MEMBER_INVITED).hasSize(2);
            }
        } finally {
            threads.shutdownNow();
            threads.awaitTermination(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }
    }

    /** Protects R14: a batch and a single invitation racing for the last two seats never take three. */
    @Test
    void a_batch_and_an_invitation_racing_for_the_last_seats_never_take_more_than_there_are() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try (OrgKit other = OrgKit.builder().storage(storage).mailer(mailer).clock(clock).build()) {
            for (int round = 0; round < Math.max(1, rounds() / 2); round++) {
                Organization org = kit.organizations().create(ana, new NewOrganization("Org",
                        "Org " + round + " SAS", "alerts@org.example", "billing@org.example"));
                kit.plans().assign(org.id(), Plan.unlimited().seats(3));

                List<Optional<Throwable>> outcomes = race(threads,
                        () -> kit.members().inviteAll(ana, org.id(), List.of(
                                new InviteRequest("bob@example.com", Role.MEMBER),
                                new InviteRequest("carl@example.com", Role.MEMBER))),
                        () -> other.members().invite(ana, org.id(), "dan@example.com", Role.MEMBER));

                List<Invitation> pending = pending(ana, org.id());
                assertThat(pending).as("round %d", round).hasSize(2);
                assertThat(outcomes.get(0)).as("round %d: the batch reports, it does not throw", round).isEmpty();
                boolean danInvited = outcomes.get(1).isEmpty();
                if (!danInvited) {
                    assertThat(codeOf(outcomes.get(1).get())).as("round %d", round)
                            .contains(DenialCode.SEAT_LIMIT_REACHED);
                }
                assertThat(pending.stream().anyMatch(i -> i.email().value().equals("dan@example.com")))
                        .as("round %d", round).isEqualTo(danInvited);
                List<AuditEvent> invited = trail(org.id()).stream()
                        .filter(event -> event.action() == AuditAction.MEMBER_INVITED).toList();
                assertThat(invited).as("round %d", round).hasSize(2);
            }
        } finally {
            threads.shutdownNow();
            threads.awaitTermination(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }
    }

    /** Starts both calls at the same instant; returns what each threw, if anything, in order. */
    private static List<Optional<Throwable>> race(ExecutorService threads, Callable<?> first, Callable<?> second)
            throws Exception {
        CyclicBarrier start = new CyclicBarrier(2);
        List<Future<Optional<Throwable>>> futures = new ArrayList<>();
        for (Callable<?> call : List.of(first, second)) {
            futures.add(threads.submit(() -> {
                start.await(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                try {
                    call.call();
                    return Optional.<Throwable>empty();
                } catch (Throwable thrown) {
                    return Optional.of(thrown);
                }
            }));
        }
        List<Optional<Throwable>> outcomes = new ArrayList<>();
        for (Future<Optional<Throwable>> future : futures) {
            outcomes.add(future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS));
        }
        return outcomes;
    }
}
