package dev.orgkit.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.orgkit.AccessDeniedException;
import dev.orgkit.ConflictException;
import dev.orgkit.InvalidInputException;
import dev.orgkit.NotFoundException;
import dev.orgkit.OrgKit;
import dev.orgkit.OrgKitException;
import dev.orgkit.Page;
import dev.orgkit.PageRequest;
import dev.orgkit.Principal;
import dev.orgkit.StorageException;
import dev.orgkit.SupportPrincipal;
import dev.orgkit.UserId;
import dev.orgkit.UserPrincipal;
import dev.orgkit.account.AccountId;
import dev.orgkit.account.NewOrganization;
import dev.orgkit.account.Organization;
import dev.orgkit.audit.Actor;
import dev.orgkit.audit.AuditAction;
import dev.orgkit.audit.AuditEvent;
import dev.orgkit.member.Membership;
import dev.orgkit.member.Role;
import dev.orgkit.policy.DenialCode;
import dev.orgkit.support.SupportAction;
import dev.orgkit.support.SupportRequest;
import dev.orgkit.support.SupportRequestId;
import dev.orgkit.support.SupportRequestStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Support: admins file requests to demote or remove an admin, support agents approve or reject them
 * with a ticket, agents act directly with a ticket, and every rule holds at the moment of the change.
 *
 * @since 0.1.0
 */
public abstract class SupportContract extends ContractFixture {
    /** Rounds of the approval/leave race; each round is a fresh organization. */
    protected static final int RACE_ROUNDS = 40;

    private final SupportPrincipal agent = Principal.support("agent-7");
    private UserPrincipal ana;
    private UserPrincipal bob;
    private UserPrincipal carol;
    private Organization org;

    /** Acme: ana and bob are admins, carol is a member. */
    @BeforeEach
    void acmeWithTwoAdminsAndAMember() {
        ana = user("ana");
        bob = user("bob");
        carol = user("carol");
        org = acme(ana);
        join(org, bob, Role.ADMIN);
        join(org, carol, Role.MEMBER);
    }

    private void join(Organization organization, UserPrincipal who, Role role) {
        kit.members().invite(ana, organization.id(), who.verifiedEmail().value(), role);
        kit.invitations().accept(who, mailer.lastTokenFor(who.verifiedEmail().value()));
    }

    private Optional<Role> roleOf(AccountId organizationId, UserPrincipal who) {
        return kit.members().list(agent, organizationId, PageRequest.first(PageRequest.MAX_SIZE)).items().stream()
                .filter(m -> m.userId().equals(who.userId()))
                .map(Membership::role)
                .findFirst();
    }

    private long adminsOf(AccountId organizationId) {
        return kit.members().list(agent, organizationId, PageRequest.first(PageRequest.MAX_SIZE)).items().stream()
                .filter(m -> m.role() == Role.ADMIN)
                .count();
    }

    private AuditEvent lastEvent(AccountId accountId) {
        return kit.audit().list(agent, accountId, PageRequest.first(1)).items().get(0);
    }

    private static void assertDenied(ThrowingCallable call, DenialCode code) {
        assertThatThrownBy(call).isInstanceOf(AccessDeniedException.class)
                .extracting(e -> ((AccessDeniedException) e).code()).isEqualTo(code);
    }

    // ---- the workflow ----

    @Test
    void an_admin_asks_support_to_demote_an_admin_and_support_approves_it() {
        SupportRequest filed = kit.support().request(ana, org.id(), SupportAction.DEMOTE_ADMIN, bob.userId(),
                "bob left the team");
        assertThat(filed.status()).isEqualTo(SupportRequestStatus.PENDING);
        assertThat(filed.expiresAt()).isEqualTo(START.plus(OrgKit.Builder.DEFAULT_SUPPORT_REQUEST_TTL));
        assertThat(kit.support().queue(agent, SupportRequestStatus.PENDING, PageRequest.first(10)).items())
                .extracting(SupportRequest::id).containsExactly(filed.id());

        SupportRequest approved = kit.support().approve(agent, filed.id(), "TICKET-123");

        assertThat(approved.status()).isEqualTo(SupportRequestStatus.APPROVED);
        assertThat(roleOf(org.id(), bob)).contains(Role.MEMBER);
        SupportRequest seen = kit.support().get(ana, filed.id());
        assertThat(seen.status()).isEqualTo(SupportRequestStatus.APPROVED);
        assertThat(seen.decidedBy()).contains("agent-7");
        assertThat(seen.ticket()).contains("TICKET-123");
        assertThat(seen.decidedAt()).contains(START);
        assertThat(kit.support().queue(agent, SupportRequestStatus.PENDING, PageRequest.first(10)).items()).isEmpty();
        assertThat(kit.support().queue(agent, SupportRequestStatus.APPROVED, PageRequest.first(10)).items())
                .extracting(SupportRequest::id).containsExactly(filed.id());
    }

    @Test
    void approving_a_request_writes_one_event_with_the_request_the_ticket_and_the_change() {
        SupportRequest filed = kit.support().request(ana, org.id(), SupportAction.DEMOTE_ADMIN, bob.userId(), "left");
        int before = events.count();

        kit.support().approve(agent, filed.id(), "TICKET-123");

        assertThat(events.since(before)).hasSize(1);
        AuditEvent event = lastEvent(org.id());
        assertThat(event).isEqualTo(events.since(before).get(0));
        assertThat(event.action()).isEqualTo(AuditAction.SUPPORT_REQUEST_APPROVED);
        assertThat(event.actor()).isEqualTo(Actor.support(agent, "TICKET-123"));
        assertThat(event.target()).isEqualTo(bob.userId().value());
        assertThat(event.details()).containsEntry("request", filed.id().value())
                .containsEntry("ticket", "TICKET-123")
                .containsEntry("supportAction", "DEMOTE_ADMIN")
                .containsEntry("role.before", "ADMIN")
                .containsEntry("role.after", "MEMBER");
    }

    @Test
    void approving_a_removal_request_removes_the_admin() {
        SupportRequest filed = kit.support().request(ana, org.id(), SupportAction.REMOVE_ADMIN, bob.userId(), "left");

        kit.support().approve(agent, filed.id(), "TICKET-9");

        assertThat(roleOf(org.id(), bob)).isEmpty();
        assertThat(lastEvent(org.id()).details()).containsEntry("email", "bob@example.com")
                .containsEntry("role", "ADMIN");
    }

    @Test
    void support_rejects_a_request_and_the_admin_stays_an_admin() {
        SupportRequest filed = kit.support().request(ana, org.id(), SupportAction.DEMOTE_ADMIN, bob.userId(), "left");

        SupportRequest rejected = kit.support().reject(agent, filed.id(), "TICKET-5", "bob is still on the team");

        assertThat(rejected.status()).isEqualTo(SupportRequestStatus.REJECTED);
        assertThat(kit.support().get(bob, filed.id()).why()).contains("bob is still on the team");
        assertThat(roleOf(org.id(), bob)).contains(Role.ADMIN);
        AuditEvent event = lastEvent(org.id());
        assertThat(event.action()).isEqualTo(AuditAction.SUPPORT_REQUEST_REJECTED);
        assertThat(event.details()).containsEntry("ticket", "TICKET-5").containsEntry("why", "bob is still on the team");
    }

    @Test
    void a_decided_request_cannot_be_decided_again() {
        SupportRequest filed = kit.support().request(ana, org.id(), SupportAction.DEMOTE_ADMIN, bob.userId(), "left");
        kit.support().reject(agent, filed.id(), "TICKET-5", "no");

        assertDenied(() -> kit.support().approve(agent, filed.id(), "TICKET-6"), DenialCode.SUPPORT_REQUEST_NOT_PENDING);
        assertDenied(() -> kit.support().reject(agent, filed.id(), "TICKET-6", "no"),
                DenialCode.SUPPORT_REQUEST_NOT_PENDING);
        assertThat(roleOf(org.id(), bob)).contains(Role.ADMIN);
    }

    @Test
    void a_second_pending_request_for_the_same_admin_and_action_is_a_conflict() {
        kit.support().request(ana, org.id(), SupportAction.DEMOTE_ADMIN, bob.userId(), "left");

        assertThatThrownBy(() -> kit.support().request(ana, org.id(), SupportAction.DEMOTE_ADMIN, bob.userId(), "again"))
                .isInstanceOf(ConflictException.class)
                .extracting(e -> ((ConflictException) e).code()).isEqualTo(DenialCode.SUPPORT_REQUEST_ALREADY_PENDING);
        assertThat(DenialCode.SUPPORT_REQUEST_ALREADY_PENDING.remedy()).isPresent();
        SupportRequest removal = kit.support().request(ana, org.id(), SupportAction.REMOVE_ADMIN, bob.userId(), "left");
        assertThat(removal.status()).isEqualTo(SupportRequestStatus.PENDING);
    }

    @Test
    void a_request_can_be_filed_again_once_the_previous_one_was_decided() {
        SupportRequest first = kit.support().request(ana, org.id(), SupportAction.DEMOTE_ADMIN, bob.userId(), "left");
        kit.support().reject(agent, first.id(), "TICKET-1", "not yet");

        SupportRequest second = kit.support().request(ana, org.id(), SupportAction.DEMOTE_ADMIN, bob.userId(), "now");

        assertThat(second.id()).isNotEqualTo(first.id());
        assertThat(kit.support().get(agent, first.id()).status()).isEqualTo(SupportRequestStatus.REJECTED);
    }

    @Test
    void a_pending_request_expires_and_can_no_longer_be_approved() {
        SupportRequest filed = kit.support().request(ana, org.id(), SupportAction.DEMOTE_ADMIN, bob.userId(), "left");

        clock.advance(OrgKit.Builder.DEFAULT_SUPPORT_REQUEST_TTL);

        assertThat(kit.support().get(ana, filed.id()).status()).isEqualTo(SupportRequestStatus.EXPIRED);
        assertThat(kit.support().queue(agent, SupportRequestStatus.PENDING, PageRequest.first(10)).items()).isEmpty();
        assertThat(kit.support().queue(agent, SupportRequestStatus.EXPIRED, PageRequest.first(10)).items())
                .extracting(SupportRequest::id, SupportRequest::status)
                .containsExactly(tuple(filed.id(), SupportRequestStatus.EXPIRED));
        int before = events.count();
        assertDenied(() -> kit.support().approve(agent, filed.id(), "TICKET-1"), DenialCode.SUPPORT_REQUEST_EXPIRED);
        assertDenied(() -> kit.support().reject(agent, filed.id(), "TICKET-1", "late"),
                DenialCode.SUPPORT_REQUEST_EXPIRED);
        assertThat(events.since(before)).isEmpty();
        assertThat(roleOf(org.id(), bob)).contains(Role.ADMIN);
    }

    @Test
    void a_new_request_replaces_an_expired_one() {
        SupportRequest old = kit.support().request(ana, org.id(), SupportAction.DEMOTE_ADMIN, bob.userId(), "left");
        clock.advance(OrgKit.Builder.DEFAULT_SUPPORT_REQUEST_TTL.plusSeconds(1));

        SupportRequest renewed = kit.support().request(ana, org.id(), SupportAction.DEMOTE_ADMIN, bob.userId(), "again");

        assertThat(kit.support().get(ana, old.id()).status()).isEqualTo(SupportRequestStatus.EXPIRED);
        assertThat(lastEvent(org.id()).details()).containsEntry("replaces", old.id().value());
        kit.support().approve(agent, renewed.id(), "TICKET-2");
        assertThat(roleOf(org.id(), bob)).contains(Role.MEMBER);
    }

    @Test
    void the_time_a_request_waits_is_configurable() {
        OrgKit quick = OrgKit.builder().storage(storage).mailer(mailer).clock(clock)
                .supportRequestTimeToLive(Duration.ofHours(1)).build();
        SupportRequest filed = quick.support().request(ana, org.id(), SupportAction.DEMOTE_ADMIN, bob.userId(), "left");
        assertThat(filed.expiresAt()).isEqualTo(START.plus(Duration.ofHours(1)));

        clock.advance(Duration.ofMinutes(59));
        assertThat(quick.support().get(agent, filed.id()).status()).isEqualTo(SupportRequestStatus.PENDING);
        clock.advance(Duration.ofMinutes(1));
        assertThat(quick.support().get(agent, filed.id()).status()).isEqualTo(SupportRequestStatus.EXPIRED);
        assertThatThrownBy(() -> OrgKit.builder().supportRequestTimeToLive(Duration.ZERO))
                .isInstanceOf(InvalidInputException.class);
    }

    // ---- the rules, checked when filing and again when approving ----

    @Test
    void only_an_admin_files_a_request() {
        assertDenied(() -> kit.support().request(carol, org.id(), SupportAction.DEMOTE_ADMIN, bob.userId(), "why not"),
                DenialCode.ADMIN_ROLE_REQUIRED);
        assertThatThrownBy(() -> kit.support().request(user("dave"), org.id(), SupportAction.DEMOTE_ADMIN,
                bob.userId(), "who am I")).isInstanceOf(NotFoundException.class);
    }

    @Test
    void a_request_targets_an_admin_of_the_organization() {
        assertDenied(() -> kit.support().request(ana, org.id(), SupportAction.REMOVE_ADMIN, carol.userId(), "left"),
                DenialCode.TARGET_ROLE_MISMATCH);
        assertThatThrownBy(() -> kit.support().request(ana, org.id(), SupportAction.REMOVE_ADMIN, UserId.of("u-zed"),
                "who")).isInstanceOf(NotFoundException.class);
        assertThat(kit.support().queue(agent, SupportRequestStatus.PENDING, PageRequest.first(10)).items()).isEmpty();
    }

    @Test
    void a_request_that_would_leave_no_admin_is_refused() {
        Organization solo = kit.organizations().create(carol,
                new NewOrganization("Solo", "Solo SAS", "alerts@solo.example", "billing@solo.example"));

        assertDenied(() -> kit.support().request(carol, solo.id(), SupportAction.DEMOTE_ADMIN, carol.userId(), "tired"),
                DenialCode.LAST_ADMIN);
    }

    @Test
    void a_personal_account_has_no_admins_to_demote() {
        AccountId personal = kit.accounts().personal(ana).id();

        assertDenied(() -> kit.support().request(ana, personal, SupportAction.DEMOTE_ADMIN, ana.userId(), "x"),
                DenialCode.PERSONAL_ACCOUNT_CANNOT_HAVE_MEMBERS);
        assertDenied(() -> kit.support().demoteAdmin(agent, personal, ana.userId(), "TICKET-1"),
                DenialCode.PERSONAL_ACCOUNT_CANNOT_HAVE_MEMBERS);
    }

    @Test
    void approval_refuses_to_demote_the_last_admin_when_the_other_admin_left_meanwhile() {
        SupportRequest filed = kit.support().request(bob, org.id(), SupportAction.DEMOTE_ADMIN, ana.userId(), "left");
        kit.organizations().leave(bob, org.id(), "Acme");
        int before = events.count();

        assertDenied(() -> kit.support().approve(agent, filed.id(), "TICKET-1"), DenialCode.LAST_ADMIN);

        assertThat(events.since(before)).isEmpty();
        assertThat(roleOf(org.id(), ana)).contains(Role.ADMIN);
        assertThat(kit.support().get(agent, filed.id()).status()).isEqualTo(SupportRequestStatus.PENDING);
        assertThat(kit.support().reject(agent, filed.id(), "TICKET-1", "ana is the last admin").status())
                .isEqualTo(SupportRequestStatus.REJECTED);
    }

    @Test
    void approval_refuses_when_the_target_is_no_longer_an_admin() {
        SupportRequest filed = kit.support().request(ana, org.id(), SupportAction.REMOVE_ADMIN, bob.userId(), "left");
        kit.support().demoteAdmin(agent, org.id(), bob.userId(), "TICKET-0");

        assertDenied(() -> kit.support().approve(agent, filed.id(), "TICKET-1"), DenialCode.TARGET_ROLE_MISMATCH);

        assertThat(roleOf(org.id(), bob)).contains(Role.MEMBER);
    }

    @Test
    void approval_answers_not_found_when_the_target_left_meanwhile() {
        SupportRequest filed = kit.support().request(ana, org.id(), SupportAction.REMOVE_ADMIN, bob.userId(), "left");
        kit.organizations().leave(bob, org.id(), "Acme");

        assertThatThrownBy(() -> kit.support().approve(agent, filed.id(), "TICKET-1"))
                .isInstanceOf(NotFoundException.class);
        assertThat(kit.support().get(agent, filed.id()).status()).isEqualTo(SupportRequestStatus.PENDING);
    }

    @Test
    void the_storage_itself_refuses_a_second_pending_request_for_the_same_admin_and_action() {
        SupportRequest first = new SupportRequest(SupportRequestId.of("sr_storage_1"), org.id(),
                SupportAction.DEMOTE_ADMIN, bob.userId(), ana.userId(), "left", SupportRequestStatus.PENDING, START,
                START.plus(Duration.ofDays(1)), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
        SupportRequest second = new SupportRequest(SupportRequestId.of("sr_storage_2"), org.id(),
                SupportAction.DEMOTE_ADMIN, bob.userId(), ana.userId(), "again", SupportRequestStatus.PENDING, START,
                START.plus(Duration.ofDays(1)), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

        assertThatThrownBy(() -> storage.write(tx -> {
            tx.support().insert(first);
            tx.support().insert(second);
            return null;
        })).isInstanceOf(StorageException.class);

        Optional<SupportRequest> rolledBack = storage.read(tx -> tx.support().find(first.id()));
        assertThat(rolledBack).isEmpty();
        storage.write(tx -> {
            tx.support().insert(first);
            return tx.support().update(first.decided(SupportRequestStatus.REJECTED, "agent-7", START, "T-1",
                    Optional.of("no")), SupportRequestStatus.PENDING);
        });
        storage.write(tx -> {
            tx.support().insert(second);
            return null;
        });
        Optional<SupportRequest> decided = storage.read(tx -> tx.support().find(first.id()));
        assertThat(decided).get()
                .extracting(SupportRequest::status, SupportRequest::ticket, SupportRequest::why)
                .containsExactly(SupportRequestStatus.REJECTED, Optional.of("T-1"), Optional.of("no"));
        Optional<SupportRequest> pending =
                storage.read(tx -> tx.support().pending(org.id(), bob.userId(), SupportAction.DEMOTE_ADMIN));
        assertThat(pending).contains(second);
    }

    // ---- who sees and who decides ----

    @Test
    void the_admins_and_support_see_a_request_and_nobody_else_learns_it_exists() {
        SupportRequest filed = kit.support().request(ana, org.id(), SupportAction.DEMOTE_ADMIN, bob.userId(), "left");

        assertThat(kit.support().get(ana, filed.id()).id()).isEqualTo(filed.id());
        assertThat(kit.support().get(bob, filed.id()).id()).isEqualTo(filed.id());
        assertThat(kit.support().get(agent, filed.id()).id()).isEqualTo(filed.id());
        assertThatThrownBy(() -> kit.support().get(carol, filed.id())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> kit.support().get(user("dave"), filed.id())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> kit.support().get(agent, SupportRequestId.of("sr_unknown")))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void only_support_decides_lists_the_queue_or_acts_directly() {
        SupportRequest filed = kit.support().request(ana, org.id(), SupportAction.DEMOTE_ADMIN, bob.userId(), "left");
        int before = events.count();

        assertDenied(() -> kit.support().approve(ana, filed.id(), "TICKET-1"), DenialCode.SUPPORT_ONLY);
        assertDenied(() -> kit.support().reject(ana, filed.id(), "TICKET-1", "no"), DenialCode.SUPPORT_ONLY);
        assertDenied(() -> kit.support().queue(ana, SupportRequestStatus.PENDING, PageRequest.first(10)),
                DenialCode.SUPPORT_ONLY);
        assertDenied(() -> kit.support().demoteAdmin(ana, org.id(), bob.userId(), "TICKET-1"), DenialCode.SUPPORT_ONLY);
        assertDenied(() -> kit.support().removeAdmin(ana, org.id(), bob.userId(), "TICKET-1"), DenialCode.SUPPORT_ONLY);
        assertDenied(() -> kit.support().removeMember(ana, org.id(), carol.userId(), "TICKET-1"),
                DenialCode.SUPPORT_ONLY);
        assertDenied(() -> kit.support().promoteMember(ana, org.id(), carol.userId(), "TICKET-1"),
                DenialCode.SUPPORT_ONLY);

        assertThat(events.since(before)).isEmpty();
        assertThat(kit.support().get(ana, filed.id()).status()).isEqualTo(SupportRequestStatus.PENDING);
        assertThat(roleOf(org.id(), bob)).contains(Role.ADMIN);
        assertThat(roleOf(org.id(), carol)).contains(Role.MEMBER);
    }

    @Test
    void a_ticket_is_required_short_and_without_control_characters() {
        SupportRequest filed = kit.support().request(ana, org.id(), SupportAction.DEMOTE_ADMIN, bob.userId(), "left");

        for (String bad : new String[] {"", "   ", "T".repeat(101), "TICKET\n1", "TICKET\u00001"}) {
            assertThatThrownBy(() -> kit.support().approve(agent, filed.id(), bad))
                    .as("ticket %s", bad.replace("\n", "\\n")).isInstanceOf(InvalidInputException.class);
            assertThatThrownBy(() -> kit.support().demoteAdmin(agent, org.id(), bob.userId(), bad))
                    .isInstanceOf(InvalidInputException.class);
        }
        assertThat(kit.support().approve(agent, filed.id(), "T".repeat(100)).status())
                .isEqualTo(SupportRequestStatus.APPROVED);
    }

    @Test
    void the_queue_lists_oldest_first_one_page_at_a_time() {
        List<SupportRequestId> filed = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Organization other = kit.organizations().create(ana,
                    new NewOrganization("Org" + i, "Org " + i + " SAS", "alerts@org.example", "billing@org.example"));
            join(other, bob, Role.ADMIN);
            filed.add(kit.support().request(ana, other.id(), SupportAction.DEMOTE_ADMIN, bob.userId(), "r" + i).id());
            clock.advance(Duration.ofMinutes(1));
        }

        List<SupportRequestId> listed = new ArrayList<>();
        Page<SupportRequest> page = kit.support().queue(agent, SupportRequestStatus.PENDING, PageRequest.first(2));
        page.items().forEach(r -> listed.add(r.id()));
        while (page.nextCursor().isPresent()) {
            assertThat(page.items()).hasSize(2);
            page = kit.support().queue(agent, SupportRequestStatus.PENDING, PageRequest.after(page.nextCursor().get(), 2));
            page.items().forEach(r -> listed.add(r.id()));
        }
        assertThat(listed).containsExactlyElementsOf(filed);
    }

    // ---- direct support actions ----

    @Test
    void support_demotes_promotes_and_removes_directly_citing_a_ticket() {
        Membership demoted = kit.support().demoteAdmin(agent, org.id(), bob.userId(), "TICKET-10");
        assertThat(demoted.role()).isEqualTo(Role.MEMBER);
        AuditEvent demotion = lastEvent(org.id());
        assertThat(demotion.action()).isEqualTo(AuditAction.MEMBER_ROLE_CHANGED);
        assertThat(demotion.actor()).isEqualTo(Actor.support(agent, "TICKET-10"));
        assertThat(demotion.details()).containsEntry("role.before", "ADMIN").containsEntry("role.after", "MEMBER");

        Membership promoted = kit.support().promoteMember(agent, org.id(), carol.userId(), "TICKET-11");
        assertThat(promoted.role()).isEqualTo(Role.ADMIN);
        assertThat(roleOf(org.id(), carol)).contains(Role.ADMIN);

        kit.support().removeMember(agent, org.id(), bob.userId(), "TICKET-12");
        assertThat(roleOf(org.id(), bob)).isEmpty();
        kit.support().removeAdmin(agent, org.id(), carol.userId(), "TICKET-13");
        assertThat(roleOf(org.id(), carol)).isEmpty();
        AuditEvent removal = lastEvent(org.id());
        assertThat(removal.action()).isEqualTo(AuditAction.MEMBER_REMOVED);
        assertThat(removal.actor().ticket()).contains("TICKET-13");
        assertThat(removal.details()).containsEntry("role", "ADMIN");
    }

    @Test
    void support_never_demotes_or_removes_the_last_admin() {
        kit.support().demoteAdmin(agent, org.id(), bob.userId(), "TICKET-1");

        assertDenied(() -> kit.support().demoteAdmin(agent, org.id(), ana.userId(), "TICKET-2"), DenialCode.LAST_ADMIN);
        assertDenied(() -> kit.support().removeAdmin(agent, org.id(), ana.userId(), "TICKET-2"), DenialCode.LAST_ADMIN);
        assertThat(adminsOf(org.id())).isEqualTo(1);
    }

    @Test
    void a_direct_action_applies_only_to_a_member_with_the_right_role() {
        assertDenied(() -> kit.support().demoteAdmin(agent, org.id(), carol.userId(), "T-1"),
                DenialCode.TARGET_ROLE_MISMATCH);
        assertDenied(() -> kit.support().removeAdmin(agent, org.id(), carol.userId(), "T-1"),
                DenialCode.TARGET_ROLE_MISMATCH);
        assertDenied(() -> kit.support().removeMember(agent, org.id(), bob.userId(), "T-1"),
                DenialCode.TARGET_ROLE_MISMATCH);
        assertDenied(() -> kit.support().promoteMember(agent, org.id(), bob.userId(), "T-1"),
                DenialCode.TARGET_ROLE_MISMATCH);
        assertThatThrownBy(() -> kit.support().removeMember(agent, org.id(), UserId.of("u-zed"), "T-1"))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> kit.support().removeMember(agent, AccountId.of("org_unknown"), carol.userId(), "T-1"))
                .isInstanceOf(NotFoundException.class);
    }

    // ---- the race the rules exist for ----

    /**
     * Invariant (R6): an organization never ends without an admin. In each round ana and bob are the
     * only admins; support approves the demotion (or removal) of ana while bob leaves, on two threads
     * released together. Whichever commits second must see one admin and be refused with LAST_ADMIN.
     */
    @Test
    void an_approval_racing_a_leave_never_leaves_the_organization_without_an_admin() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < RACE_ROUNDS; round++) {
                String name = "Race" + round;
                Organization raced = kit.organizations().create(ana, new NewOrganization(name,
                        "Race SAS", "alerts@race.example", "billing@race.example"));
                join(raced, bob, Role.ADMIN);
                SupportAction action = round % 2 == 0 ? SupportAction.DEMOTE_ADMIN : SupportAction.REMOVE_ADMIN;
                SupportRequest filed = kit.support().request(bob, raced.id(), action, ana.userId(), "race " + name);
                CyclicBarrier start = new CyclicBarrier(2);
                Future<String> approval = threads.submit(attempt(start, "approve",
                        () -> kit.support().approve(agent, filed.id(), "RACE-1")));
                Future<String> leaving = threads.submit(attempt(start, "leave",
                        () -> kit.organizations().leave(bob, raced.id(), name)));
                List<String> outcomes = List.of(approval.get(30, TimeUnit.SECONDS), leaving.get(30, TimeUnit.SECONDS));

                assertThat(adminsOf(raced.id())).as("admins after round %d: %s", round, outcomes).isGreaterThanOrEqualTo(1);
                assertThat(outcomes).as("round %d", round).filteredOn(o -> o.endsWith(":ok")).hasSize(1);
                assertThat(outcomes).as("round %d", round).filteredOn(o -> !o.endsWith(":ok"))
                        .allMatch(o -> o.endsWith(":" + DenialCode.LAST_ADMIN), "refused with LAST_ADMIN");
            }
        } finally {
            threads.shutdownNow();
        }
    }

    /**
     * Invariant (R6), for concurrent requests: ana and bob are the only admins and each filed a request
     * that support demote (or remove) the other; two agents approve both at once. One approval must
     * see the other's change and be refused with LAST_ADMIN.
     */
    @Test
    void two_approvals_racing_never_take_away_both_admins() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < RACE_ROUNDS; round++) {
                Organization raced = kit.organizations().create(ana, new NewOrganization("Pair" + round,
                        "Pair SAS", "alerts@pair.example", "billing@pair.example"));
                join(raced, bob, Role.ADMIN);
                SupportAction action = round % 2 == 0 ? SupportAction.DEMOTE_ADMIN : SupportAction.REMOVE_ADMIN;
                SupportRequest anaOut = kit.support().request(bob, raced.id(), action, ana.userId(), "swap");
                SupportRequest bobOut = kit.support().request(ana, raced.id(), action, bob.userId(), "swap");
                CyclicBarrier start = new CyclicBarrier(2);
                Future<String> first = threads.submit(attempt(start, "ana-out",
                        () -> kit.support().approve(agent, anaOut.id(), "RACE-1")));
                Future<String> second = threads.submit(attempt(start, "bob-out",
                        () -> kit.support().approve(Principal.support("agent-8"), bobOut.id(), "RACE-2")));
                List<String> outcomes = List.of(first.get(30, TimeUnit.SECONDS), second.get(30, TimeUnit.SECONDS));

                assertThat(adminsOf(raced.id())).as("admins after round %d: %s", round, outcomes).isEqualTo(1);
                assertThat(outcomes).as("round %d", round).filteredOn(o -> o.endsWith(":ok")).hasSize(1);
                assertThat(outcomes).as("round %d", round).filteredOn(o -> !o.endsWith(":ok"))
                        .allMatch(o -> o.endsWith(":" + DenialCode.LAST_ADMIN), "refused with LAST_ADMIN");
            }
        } finally {
            threads.shutdownNow();
        }
    }

    private static Callable<String> attempt(CyclicBarrier start, String name, Runnable command) {
        return () -> {
            start.await(30, TimeUnit.SECONDS);
            try {
                command.run();
                return name + ":ok";
            } catch (AccessDeniedException e) {
                return name + ":" + e.code();
            } catch (OrgKitException e) {
                return name + ":" + e.getClass().getSimpleName();
            }
        };
    }
}
