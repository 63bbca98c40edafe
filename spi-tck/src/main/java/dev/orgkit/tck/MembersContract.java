package dev.orgkit.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.tuple;

import dev.orgkit.EmailAddress;
import dev.orgkit.InvalidInputException;
import dev.orgkit.OrgKit;
import dev.orgkit.Page;
import dev.orgkit.PageRequest;
import dev.orgkit.UserId;
import dev.orgkit.UserPrincipal;
import dev.orgkit.account.AccountId;
import dev.orgkit.account.Organization;
import dev.orgkit.audit.AuditAction;
import dev.orgkit.audit.AuditEvent;
import dev.orgkit.invitation.Invitation;
import dev.orgkit.mail.InvitationMail;
import dev.orgkit.invitation.InvitationStatus;
import dev.orgkit.member.Membership;
import dev.orgkit.member.Role;
import dev.orgkit.policy.DenialCode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Members: inviting, joining, listing, promoting and removing.
 *
 * @since 0.1.0
 */
public abstract class MembersContract extends ContractFixture {

    @Test
    void an_invited_user_joins_with_the_invited_role() {
        UserPrincipal ana = user("ana");
        UserPrincipal bob = user("bob");
        Organization org = acme(ana);
        kit.members().invite(ana, org.id(), "bob@example.com", Role.MEMBER);
        kit.invitations().accept(bob, mailer.lastTokenFor("bob@example.com"));
        assertThat(kit.members().list(ana, org.id(), PageRequest.first(10)).items())
                .extracting(m -> m.userId().value() + ":" + m.role())
                .containsExactly("u-ana:ADMIN", "u-bob:MEMBER");
    }

    // ---- invite ----

    @Test
    void an_invitation_is_pending_with_the_invited_email_role_and_expiry_and_is_audited() {
        UserPrincipal ana = user("ana");
        Organization org = acme(ana);

        Invitation invitation = kit.members().invite(ana, org.id(), " Bob@Example.com ", Role.ADMIN);

        assertThat(invitation.email()).isEqualTo(EmailAddress.of("bob@example.com"));
        assertThat(invitation.role()).isEqualTo(Role.ADMIN);
        assertThat(invitation.status()).isEqualTo(InvitationStatus.PENDING);
        assertThat(invitation.invitedBy()).isEqualTo(ana.userId());
        assertThat(invitation.expiresAt()).isEqualTo(START.plus(OrgKit.Builder.DEFAULT_INVITATION_TTL));
        assertThat(pending(ana, org.id())).containsExactly(invitation);
        assertThat(trail(org.id()).get(0).action()).as("the mail went out after the invitation's commit")
                .isEqualTo(AuditAction.INVITATION_MAIL_SENT);
        assertThat(trail(org.id()).get(1)).satisfies(event -> {
            assertThat(event.action()).isEqualTo(AuditAction.MEMBER_INVITED);
            assertThat(event.actor().id()).isEqualTo("u-ana");
            assertThat(event.details()).containsEntry("email", "bob@example.com").containsEntry("role", "ADMIN");
        });
    }

    @Test
    void a_personal_account_cannot_invite() {
        UserPrincipal ana = user("ana");
        AccountId personal = kit.accounts().personal(ana).id();
        List<AuditEvent> trail = trail(personal);

        assertThat(refusal(() -> kit.members().invite(ana, personal, "bob@example.com", Role.MEMBER)))
                .isEqualTo(DenialCode.PERSONAL_ACCOUNT_CANNOT_HAVE_MEMBERS);

        assertThat(mailer.sent()).isEmpty();
        assertThat(trail(personal)).isEqualTo(trail);
    }

    @Test
    void only_an_admin_invites() {
        UserPrincipal ana = user("ana");
        UserPrincipal bob = user("bob");
        Organization org = acme(ana);
        join(ana, org.id(), bob, Role.MEMBER);
        int mails = mailer.sent().size();

        assertThat(refusal(() -> kit.members().invite(bob, org.id(), "carol@example.com", Role.MEMBER)))
                .isEqualTo(DenialCode.ADMIN_ROLE_REQUIRED);
        assertThat(refusal(() -> kit.members().invite(user("eve"), org.id(), "carol@example.com", Role.MEMBER)))
                .isEqualTo(DenialCode.NOT_FOUND);

        assertThat(pending(ana, org.id())).isEmpty();
        assertThat(mailer.sent()).hasSize(mails);
    }

    @Test
    void a_current_member_is_not_invited_again() {
        UserPrincipal ana = user("ana");
        UserPrincipal bob = user("bob");
        Organization org = acme(ana);
        join(ana, org.id(), bob, Role.MEMBER);

        assertThat(refusal(() -> kit.members().invite(ana, org.id(), "BOB@example.com", Role.ADMIN)))
                .isEqualTo(DenialCode.ALREADY_A_MEMBER);
        assertThat(refusal(() -> kit.members().invite(ana, org.id(), "ana@example.com", Role.MEMBER)))
                .isEqualTo(DenialCode.ALREADY_A_MEMBER);
        assertThat(pending(ana, org.id())).isEmpty();
    }

    @Test
    void an_email_with_a_pending_invitation_is_not_invited_again() {
        UserPrincipal ana = user("ana");
        Organization org = acme(ana);
        Invitation first = kit.members().invite(ana, org.id(), "bob@example.com", Role.MEMBER);

        assertThat(refusal(() -> kit.members().invite(ana, org.id(), "bob@example.com", Role.ADMIN)))
                .isEqualTo(DenialCode.INVITATION_ALREADY_PENDING);

        assertThat(pending(ana, org.id())).containsExactly(first);
        assertThat(mailer.sent()).hasSize(1);
    }

    @Test
    void the_same_email_may_be_invited_by_two_organizations() {
        UserPrincipal ana = user("ana");
        Organization acme = acme(ana);
        Organization other = acme(ana);
        kit.members().invite(ana, acme.id(), "bob@example.com", Role.MEMBER);
        kit.members().invite(ana, other.id(), "bob@example.com", Role.MEMBER);
        assertThat(pending(ana, acme.id())).hasSize(1);
        assertThat(pending(ana, other.id())).hasSize(1);
    }

    @Test
    void an_expired_pending_invitation_is_replaced_by_a_new_one() {
        UserPrincipal ana = user("ana");
        Organization org = acme(ana);
        Invitation old = kit.members().invite(ana, org.id(), "bob@example.com", Role.MEMBER);
        String oldToken = mailer.lastTokenFor("bob@example.com");
        clock.advance(OrgKit.Builder.DEFAULT_INVITATION_TTL.plusMinutes(1));

        Invitation fresh = kit.members().invite(ana, org.id(), "bob@example.com", Role.ADMIN);

        assertThat(fresh.id()).isNotEqualTo(old.id());
        assertThat(pending(ana, org.id())).extracting(Invitation::id, Invitation::status)
                .containsExactly(tuple(fresh.id(), InvitationStatus.PENDING));
        UserPrincipal bob = user("bob");
        assertThat(refusal(() -> kit.invitations().accept(bob, oldToken)))
                .isIn(DenialCode.INVITATION_NOT_PENDING, DenialCode.INVITATION_EXPIRED);
        assertThat(kit.invitations().accept(bob, mailer.lastTokenFor("bob@example.com")).role()).isEqualTo(Role.ADMIN);
    }

    @Test
    void the_mail_is_handed_to_the_mailer_before_invite_returns() {
        UserPrincipal ana = user("ana");
        Organization org = acme(ana);

        Invitation invitation = kit.members().invite(ana, org.id(), "bob@example.com", Role.MEMBER);

        assertThat(mailer.sent()).singleElement().satisfies(mail -> {
            assertThat(mail.invitationId()).isEqualTo(invitation.id());
            assertThat(mail.recipient()).isEqualTo(EmailAddress.of("bob@example.com"));
            assertThat(mail.organizationName()).isEqualTo("Acme");
            assertThat(mail.inviterEmail()).isEqualTo(EmailAddress.of("ana@example.com"));
            assertThat(mail.role()).isEqualTo(Role.MEMBER);
            assertThat(mail.expiresAt()).isEqualTo(invitation.expiresAt());
            assertThat(mail.acceptLink().toString()).endsWith(mail.token());
        });
    }

    @Test
    void the_mail_is_sent_only_after_the_invitation_is_committed() throws Exception {
        UserPrincipal ana = user("ana");
        Organization org = acme(ana);
        ExecutorService other = Executors.newSingleThreadExecutor();
        AtomicReference<List<Invitation>> seenFromAnotherThread = new AtomicReference<>();
        AtomicReference<Throwable> problem = new AtomicReference<>();
        try {
            try (OrgKit probing = OrgKit.builder().storage(storage).clock(clock).mailer(mail -> {
                // Another thread (another connection) sees only committed state; inside the
                // transaction it would block on the lock or see nothing.
                CompletableFuture<List<Invitation>> read = CompletableFuture.supplyAsync(
                        () -> pending(ana, org.id()), other);
                try {
                    seenFromAnotherThread.set(read.get(10, TimeUnit.SECONDS));
                } catch (Exception e) {
                    problem.set(e);
                }
            }).build()) {
                Invitation invitation = probing.members().invite(ana, org.id(), "bob@example.com", Role.MEMBER);

                assertThat(problem.get()).as("reading from another thread while the mailer ran").isNull();
                assertThat(seenFromAnotherThread.get()).containsExactly(invitation);
            }
        } finally {
            other.shutdownNow();
        }
    }

    @Test
    void a_failing_mailer_does_not_undo_the_invitation() {
        UserPrincipal ana = user("ana");
        Organization org = acme(ana);
        mailer.failing(true);

        Invitation invitation = kit.members().invite(ana, org.id(), "bob@example.com", Role.MEMBER);

        assertThat(pending(ana, org.id())).containsExactly(invitation);
        assertThat(trail(org.id())).extracting(AuditEvent::action).startsWith(
                AuditAction.INVITATION_MAIL_FAILED, AuditAction.MEMBER_INVITED);
        assertThat(mailer.sent()).isEmpty();
        assertThat(refusal(() -> kit.members().invite(ana, org.id(), "bob@example.com", Role.MEMBER)))
                .isEqualTo(DenialCode.INVITATION_ALREADY_PENDING);
    }

    @Test
    void a_refused_invitation_sends_no_mail() {
        UserPrincipal ana = user("ana");
        Organization org = acme(ana);
        refusal(() -> kit.members().invite(ana, org.id(), "ana@example.com", Role.MEMBER));
        assertThat(mailer.sent()).isEmpty();
    }

    // ---- list ----

    @Test
    void pages_of_two_cover_seven_members_exactly_once_in_order() {
        UserPrincipal ana = user("ana");
        Organization org = acme(ana);
        for (String name : List.of("gus", "bob", "fay", "cid", "eli", "dan")) {
            join(ana, org.id(), user(name), Role.MEMBER);
        }

        List<String> seen = new ArrayList<>();
        int pages = 0;
        Page<Membership> page = kit.members().list(ana, org.id(), PageRequest.first(2));
        while (true) {
            pages++;
            assertThat(page.items()).hasSizeLessThanOrEqualTo(2);
            page.items().forEach(m -> seen.add(m.userId().value()));
            if (page.nextCursor().isEmpty()) {
                break;
            }
            page = kit.members().list(ana, org.id(), PageRequest.after(page.nextCursor().get(), 2));
        }

        assertThat(seen).containsExactly("u-ana", "u-bob", "u-cid", "u-dan", "u-eli", "u-fay", "u-gus");
        assertThat(pages).isEqualTo(4);
    }

    @Test
    void a_page_exactly_as_large_as_the_list_has_no_next_cursor() {
        UserPrincipal ana = user("ana");
        Organization org = acme(ana);
        join(ana, org.id(), user("bob"), Role.MEMBER);
        assertThat(kit.members().list(ana, org.id(), PageRequest.first(2)).nextCursor()).isEmpty();
    }

    @Test
    void a_cursor_of_another_list_is_invalid_input() {
        UserPrincipal ana = user("ana");
        Organization org = acme(ana);
        for (String name : List.of("bob", "cid", "dan")) {
            kit.members().invite(ana, org.id(), name + "@example.com", Role.MEMBER);
        }
        String invitationsCursor = kit.invitations().pending(ana, org.id(), PageRequest.first(1)).nextCursor().orElseThrow();
        String auditCursor = kit.audit().list(ana, org.id(), PageRequest.first(1)).nextCursor().orElseThrow();

        assertThat(catchThrowable(() -> kit.members().list(ana, org.id(), PageRequest.after(invitationsCursor, 2))))
                .isInstanceOf(InvalidInputException.class);
        assertThat(catchThrowable(() -> kit.members().list(ana, org.id(), PageRequest.after(auditCursor, 2))))
                .isInstanceOf(InvalidInputException.class);
        assertThat(catchThrowable(() -> kit.members().list(ana, org.id(), PageRequest.after("bm90LWEtY3Vyc29y", 2))))
                .isInstanceOf(InvalidInputException.class);
    }

    @Test
    void members_and_support_list_members_and_others_learn_nothing() {
        UserPrincipal ana = user("ana");
        UserPrincipal bob = user("bob");
        Organization org = acme(ana);
        join(ana, org.id(), bob, Role.MEMBER);
        assertThat(kit.members().list(bob, org.id(), PageRequest.first(10)).items()).hasSize(2);
        assertThat(kit.members().list(OBSERVER, org.id(), PageRequest.first(10)).items()).hasSize(2);
        assertThat(refusal(() -> kit.members().list(user("eve"), org.id(), PageRequest.first(10))))
                .isEqualTo(DenialCode.NOT_FOUND);
    }

    @Test
    void a_member_keeps_the_email_of_the_invitation() {
        UserPrincipal ana = user("ana");
        Organization org = acme(ana);
        kit.members().invite(ana, org.id(), "bob@example.com", Role.MEMBER);
        UserPrincipal bob = dev.orgkit.Principal.user("u-bob", "bob@example.com");
        kit.invitations().accept(bob, mailer.lastTokenFor("bob@example.com"));
        assertThat(members(org.id())).filteredOn(m -> m.userId().equals(bob.userId()))
                .singleElement().extracting(Membership::email).isEqualTo(EmailAddress.of("bob@example.com"));
    }

    // ---- changeRole ----

    @Test
    void an_admin_promotes_a_member_and_it_is_audited() {
        UserPrincipal ana = user("ana");
        UserPrincipal bob = user("bob");
        Organization org = acme(ana);
        Membership joined = join(ana, org.id(), bob, Role.MEMBER);

        Membership promoted = kit.members().changeRole(ana, org.id(), bob.userId(), Role.ADMIN);

        assertThat(promoted).isEqualTo(joined.withRole(Role.ADMIN));
        assertThat(members(org.id())).contains(promoted);
        assertThat(trail(org.id()).get(0)).satisfies(event -> {
            assertThat(event.action()).isEqualTo(AuditAction.MEMBER_ROLE_CHANGED);
            assertThat(event.target()).isEqualTo("u-bob");
            assertThat(event.details()).containsEntry("role.before", "MEMBER").containsEntry("role.after", "ADMIN");
        });
    }

    @Test
    void an_admin_cannot_demote_another_admin() {
        UserPrincipal ana = user("ana");
        UserPrincipal bob = user("bob");
        Organization org = acme(ana);
        join(ana, org.id(), bob, Role.ADMIN);
        List<AuditEvent> trail = trail(org.id());

        assertThat(refusal(() -> kit.members().changeRole(ana, org.id(), bob.userId(), Role.MEMBER)))
                .isEqualTo(DenialCode.ADMIN_CHANGE_REQUIRES_SUPPORT);
        assertThat(refusal(() -> kit.members().changeRole(ana, org.id(), ana.userId(), Role.MEMBER)))
                .isEqualTo(DenialCode.ADMIN_CHANGE_REQUIRES_SUPPORT);

        assertThat(members(org.id())).extracting(Membership::role).containsOnly(Role.ADMIN);
        assertThat(trail(org.id())).isEqualTo(trail);
    }

    @Test
    void asking_for_the_role_a_member_has_changes_nothing_and_writes_no_audit_event() {
        UserPrincipal ana = user("ana");
        UserPrincipal bob = user("bob");
        Organization org = acme(ana);
        Membership joined = join(ana, org.id(), bob, Role.MEMBER);
        List<AuditEvent> trail = trail(org.id());

        assertThat(kit.members().changeRole(ana, org.id(), bob.userId(), Role.MEMBER)).isEqualTo(joined);
        assertThat(kit.members().changeRole(ana, org.id(), ana.userId(), Role.ADMIN).role()).isEqualTo(Role.ADMIN);

        assertThat(trail(org.id())).isEqualTo(trail);
    }

    @Test
    void only_an_admin_changes_roles() {
        UserPrincipal ana = user("ana");
        UserPrincipal bob = user("bob");
        UserPrincipal cid = user("cid");
        Organization org = acme(ana);
        join(ana, org.id(), bob, Role.MEMBER);
        join(ana, org.id(), cid, Role.MEMBER);

        assertThat(refusal(() -> kit.members().changeRole(bob, org.id(), cid.userId(), Role.ADMIN)))
                .isEqualTo(DenialCode.ADMIN_ROLE_REQUIRED);
        assertThat(refusal(() -> kit.members().changeRole(bob, org.id(), bob.userId(), Role.ADMIN)))
                .isEqualTo(DenialCode.ADMIN_ROLE_REQUIRED);
        assertThat(refusal(() -> kit.members().changeRole(user("eve"), org.id(), cid.userId(), Role.ADMIN)))
                .isEqualTo(DenialCode.NOT_FOUND);
        assertThat(members(org.id())).extracting(Membership::role).containsExactly(Role.ADMIN, Role.MEMBER, Role.MEMBER);
    }

    @Test
    void changing_the_role_of_a_non_member_is_not_found() {
        UserPrincipal ana = user("ana");
        Organization org = acme(ana);
        assertThat(refusal(() -> kit.members().changeRole(ana, org.id(), UserId.of("u-nobody"), Role.ADMIN)))
                .isEqualTo(DenialCode.NOT_FOUND);
    }

    // ---- remove ----

    @Test
    void an_admin_removes_a_member_by_typing_the_email_and_it_is_audited() {
        UserPrincipal ana = user("ana");
        UserPrincipal bob = user("bob");
        Organization org = acme(ana);
        join(ana, org.id(), bob, Role.MEMBER);

        kit.members().remove(ana, org.id(), bob.userId(), "bob@example.com");

        assertThat(members(org.id())).extracting(Membership::userId).containsExactly(ana.userId());
        assertThat(trail(org.id()).get(0)).satisfies(event -> {
            assertThat(event.action()).isEqualTo(AuditAction.MEMBER_REMOVED);
            assertThat(event.actor().id()).isEqualTo("u-ana");
            assertThat(event.target()).isEqualTo("u-bob");
        });
        assertThat(refusal(() -> kit.organizations().get(bob, org.id()))).isEqualTo(DenialCode.NOT_FOUND);
    }

    @Test
    void the_typed_email_is_compared_ignoring_case_and_surrounding_spaces() {
        UserPrincipal ana = user("ana");
        UserPrincipal bob = user("bob");
        Organization org = acme(ana);
        join(ana, org.id(), bob, Role.MEMBER);

        kit.members().remove(ana, org.id(), bob.userId(), "  BOB@Example.COM ");

        assertThat(members(org.id())).hasSize(1);
    }

    @Test
    void removing_with_another_email_typed_is_refused_and_changes_nothing() {
        UserPrincipal ana = user("ana");
        UserPrincipal bob = user("bob");
        Organization org = acme(ana);
        join(ana, org.id(), bob, Role.MEMBER);
        List<AuditEvent> trail = trail(org.id());

        assertThat(refusal(() -> kit.members().remove(ana, org.id(), bob.userId(), "bob@example.org")))
                .isEqualTo(DenialCode.CONFIRMATION_MISMATCH);
        assertThat(refusal(() -> kit.members().remove(ana, org.id(), bob.userId(), "u-bob")))
                .isEqualTo(DenialCode.CONFIRMATION_MISMATCH);
        assertThat(refusal(() -> kit.members().remove(ana, org.id(), bob.userId(), "b ob@example.com")))
                .isEqualTo(DenialCode.CONFIRMATION_MISMATCH);

        assertThat(members(org.id())).hasSize(2);
        assertThat(trail(org.id())).isEqualTo(trail);
    }

    @Test
    void an_admin_cannot_remove_another_admin() {
        UserPrincipal ana = user("ana");
        UserPrincipal bob = user("bob");
        Organization org = acme(ana);
        join(ana, org.id(), bob, Role.ADMIN);
        assertThat(refusal(() -> kit.members().remove(ana, org.id(), bob.userId(), "bob@example.com")))
                .isEqualTo(DenialCode.ADMIN_CHANGE_REQUIRES_SUPPORT);
        assertThat(members(org.id())).hasSize(2);
    }

    @Test
    void an_admin_cannot_remove_themselves_and_is_told_to_leave() {
        UserPrincipal ana = user("ana");
        UserPrincipal bob = user("bob");
        Organization org = acme(ana);
        join(ana, org.id(), bob, Role.ADMIN);
        assertThat(refusal(() -> kit.members().remove(ana, org.id(), ana.userId(), "ana@example.com")))
                .isEqualTo(DenialCode.USE_LEAVE);
        assertThat(members(org.id())).hasSize(2);
    }

    @Test
    void only_an_admin_removes_members() {
        UserPrincipal ana = user("ana");
        UserPrincipal bob = user("bob");
        UserPrincipal cid = user("cid");
        Organization org = acme(ana);
        join(ana, org.id(), bob, Role.MEMBER);
        join(ana, org.id(), cid, Role.MEMBER);
        assertThat(refusal(() -> kit.members().remove(bob, org.id(), cid.userId(), "cid@example.com")))
                .isEqualTo(DenialCode.ADMIN_ROLE_REQUIRED);
        assertThat(refusal(() -> kit.members().remove(user("eve"), org.id(), cid.userId(), "cid@example.com")))
                .isEqualTo(DenialCode.NOT_FOUND);
        assertThat(members(org.id())).hasSize(3);
    }

    @Test
    void removing_an_unknown_member_is_not_found() {
        UserPrincipal ana = user("ana");
        Organization org = acme(ana);
        assertThat(refusal(() -> kit.members().remove(ana, org.id(), UserId.of("u-nobody"), "nobody@example.com")))
                .isEqualTo(DenialCode.NOT_FOUND);
    }

    @Test
    void a_removed_member_can_be_invited_again_under_another_email() {
        UserPrincipal ana = user("ana");
        UserPrincipal bob = user("bob");
        Organization org = acme(ana);
        join(ana, org.id(), bob, Role.MEMBER);
        kit.members().remove(ana, org.id(), bob.userId(), "bob@example.com");
        UserPrincipal bobAtWork = dev.orgkit.Principal.user("u-bob", "bob@work.example");

        Membership again = join(ana, org.id(), bobAtWork, Role.MEMBER);

        assertThat(again.email()).isEqualTo(EmailAddress.of("bob@work.example"));
    }

    @Test
    void the_mail_names_no_secret_in_its_description() {
        UserPrincipal ana = user("ana");
        Organization org = acme(ana);
        kit.members().invite(ana, org.id(), "bob@example.com", Role.MEMBER);
        InvitationMail mail = mailer.sent().get(0);
        assertThat(mail.toString()).doesNotContain(mail.token()).doesNotContain(mail.acceptLink().toString());
    }
}
