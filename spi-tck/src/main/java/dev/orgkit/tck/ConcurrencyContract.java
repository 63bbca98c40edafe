package dev.orgkit.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orgkit.OrgKitException;
import dev.orgkit.Principal;
import dev.orgkit.UserPrincipal;
import dev.orgkit.account.AccountId;
import dev.orgkit.account.NewOrganization;
import dev.orgkit.account.Organization;
import dev.orgkit.account.PersonalAccount;
import dev.orgkit.audit.AuditAction;
import dev.orgkit.invitation.Invitation;
import dev.orgkit.member.Membership;
import dev.orgkit.member.Role;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Rules that must hold when commands race on real threads: each scenario starts its commands at
 * the same instant (a {@link CyclicBarrier}) on an {@link ExecutorService}, many rounds in a row,
 * and every round has exactly the one allowed outcome. No command may fail with anything but the
 * rule's code: not a storage error, not a deadlock, not a timeout.
 *
 * @since 0.1.0
 */
public abstract class ConcurrencyContract extends ContractFixture {
    /** The default number of rounds of each race. */
    public static final int DEFAULT_ROUNDS = 50;
    private static final int THREADS = 4;
    private static final long TIMEOUT_SECONDS = 60;

    private ExecutorService threads;

    /**
     * How many rounds each race runs: {@code -Dorgkit.concurrency.rounds}, or {@value #DEFAULT_ROUNDS}.
     * Storages with slow transactions may override it lower.
     */
    protected int rounds() {
        return configuredRounds();
    }

    /** {@code -Dorgkit.concurrency.rounds}, or {@value #DEFAULT_ROUNDS}. */
    static int configuredRounds() {
        return Integer.getInteger("orgkit.concurrency.rounds", DEFAULT_ROUNDS);
    }

    @BeforeEach
    void startThreads() {
        threads = Executors.newFixedThreadPool(THREADS);
    }

    @AfterEach
    void stopThreads() throws InterruptedException {
        threads.shutdownNow();
        threads.awaitTermination(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    /** Protects R6: two admins leaving at once never leave the organization without an admin. */
    @Test
    void of_two_admins_leaving_at_once_exactly_one_leaves() throws Exception {
        UserPrincipal ana = user("ana");
        UserPrincipal bob = user("bob");
        for (int round = 0; round < rounds(); round++) {
            Organization org = organization(ana, round);
            join(ana, org.id(), bob, Role.ADMIN);

            List<Outcome<Void>> outcomes = race(
                    () -> leave(ana, org.id()),
                    () -> leave(bob, org.id()));

            assertExactlyOneSucceeded(outcomes, round, DenialCode.LAST_ADMIN);
            assertThat(members(org.id())).as("round %d", round)
                    .singleElement().extracting(Membership::role).isEqualTo(Role.ADMIN);
        }
    }

    /** Protects R8: one user accepting one invitation twice at once joins once. */
    @Test
    void one_invitation_accepted_twice_at_once_by_the_same_user_yields_one_membership() throws Exception {
        UserPrincipal ana = user("ana");
        UserPrincipal bob = user("bob");
        for (int round = 0; round < rounds(); round++) {
            Organization org = organization(ana, round);
            kit.members().invite(ana, org.id(), "bob@example.com", Role.MEMBER);
            String token = mailer.lastTokenFor("bob@example.com");

            List<Outcome<Membership>> outcomes = race(
                    () -> kit.invitations().accept(bob, token),
                    () -> kit.invitations().accept(bob, token));

            assertExactlyOneSucceeded(outcomes, round, DenialCode.INVITATION_NOT_PENDING);
            assertThat(members(org.id())).as("round %d", round).hasSize(2);
            assertThat(trail(org.id())).as("round %d", round)
                    .filteredOn(e -> e.action() == AuditAction.INVITATION_ACCEPTED).hasSize(1);
        }
    }

    /** Protects R7 and R8: two users with the same verified email accepting one invitation at once: one joins. */
    @Test
    void one_invitation_accepted_at_once_by_two_users_with_the_invited_email_yields_one_membership()
            throws Exception {
        UserPrincipal ana = user("ana");
        UserPrincipal bob = user("bob");
        UserPrincipal bobsTwin = Principal.user("u-bob-twin", "bob@example.com");
        for (int round = 0; round < rounds(); round++) {
            Organization org = organization(ana, round);
            kit.members().invite(ana, org.id(), "bob@example.com", Role.ADMIN);
            String token = mailer.lastTokenFor("bob@example.com");

            List<Outcome<Membership>> outcomes = race(
                    () -> kit.invitations().accept(bob, token),
                    () -> kit.invitations().accept(bobsTwin, token));

            assertExactlyOneSucceeded(outcomes, round, DenialCode.INVITATION_NOT_PENDING);
            List<Membership> members = members(org.id());
            assertThat(members).as("round %d", round).hasSize(2);
            assertThat(members).filteredOn(m -> m.role() == Role.ADMIN).hasSize(2);
        }
    }

    /** Protects R7: one email invited twice at once gets one pending invitation. */
    @Test
    void one_email_invited_twice_at_once_gets_one_invitation() throws Exception {
        UserPrincipal ana = user("ana");
        UserPrincipal bob = user("bob");
        for (int round = 0; round < rounds(); round++) {
            Organization org = organization(ana, round);
            join(ana, org.id(), bob, Role.ADMIN);
            int mails = mailer.sent().size();

            List<Outcome<Invitation>> outcomes = race(
                    () -> kit.members().invite(ana, org.id(), "cid@example.com", Role.MEMBER),
                    () -> kit.members().invite(bob, org.id(), "CID@example.com", Role.ADMIN));

            assertExactlyOneSucceeded(outcomes, round, DenialCode.INVITATION_ALREADY_PENDING);
            assertThat(pending(ana, org.id())).as("round %d", round).hasSize(1);
            assertThat(mailer.sent()).as("round %d", round).hasSize(mails + 1);
        }
    }

    /** Protects "every user has exactly one personal account": concurrent first uses create one. */
    @Test
    void a_personal_account_created_from_several_threads_at_once_is_one_account() throws Exception {
        for (int round = 0; round < rounds(); round++) {
            UserPrincipal newcomer = Principal.user("u-newcomer-" + round, "newcomer" + round + "@example.com");
            List<Callable<PersonalAccount>> calls = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                calls.add(() -> kit.accounts().personal(newcomer));
            }

            List<Outcome<PersonalAccount>> outcomes = race(calls);

            assertThat(outcomes).as("round %d", round).allSatisfy(o -> assertThat(o.failure()).isEmpty());
            assertThat(outcomes.stream().map(o -> o.value().orElseThrow().id()).distinct()).hasSize(1);
            AccountId id = outcomes.get(0).value().orElseThrow().id();
            assertThat(trail(id)).as("round %d", round).singleElement()
                    .extracting(e -> e.action()).isEqualTo(AuditAction.PERSONAL_ACCOUNT_CREATED);
            assertThat(kit.accounts().overview(newcomer)).hasSize(1);
        }
    }

    // ---- the race ----

    /** The result of one racing command: its value, or what it threw. */
    record Outcome<T>(Optional<T> value, Optional<Throwable> failure) {}

    private Void leave(UserPrincipal admin, AccountId organizationId) {
        kit.organizations().leave(admin, organizationId, "Org");
        return null;
    }

    private Organization organization(UserPrincipal admin, int round) {
        return kit.organizations().create(admin,
                new NewOrganization("Org", "Org " + round + " SAS", "alerts@org.example", "billing@org.example"));
    }

    @SafeVarargs
    private <T> List<Outcome<T>> race(Callable<T>... calls) throws Exception {
        return race(List.of(calls));
    }

    /** Starts every call at the same instant and waits for all of them. */
    private <T> List<Outcome<T>> race(List<Callable<T>> calls) throws Exception {
        CyclicBarrier start = new CyclicBarrier(calls.size());
        List<Future<Outcome<T>>> futures = new ArrayList<>();
        for (Callable<T> call : calls) {
            futures.add(threads.submit(() -> {
                start.await(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                try {
                    return new Outcome<>(Optional.ofNullable(call.call()).or(() -> Optional.empty()), Optional.empty());
                } catch (Throwable thrown) {
                    return new Outcome<T>(Optional.empty(), Optional.of(thrown));
                }
            }));
        }
        List<Outcome<T>> outcomes = new ArrayList<>();
        for (Future<Outcome<T>> future : futures) {
            outcomes.add(future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS));
        }
        return outcomes;
    }

    private static <T> void assertExactlyOneSucceeded(List<Outcome<T>> outcomes, int round, DenialCode loserCode) {
        List<Throwable> failures = outcomes.stream().flatMap(o -> o.failure().stream()).toList();
        assertThat(failures).as("round %d: exactly one of two fails", round).hasSize(1);
        Throwable failure = failures.get(0);
        assertThat(failure).as("round %d", round).isInstanceOf(OrgKitException.class);
        assertThat(codeOf(failure)).as("round %d: %s", round, failure).contains(loserCode);
    }
}
