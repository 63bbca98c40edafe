package dev.orgkit.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.orgkit.OrgKit;
import dev.orgkit.Principal;
import dev.orgkit.SupportPrincipal;
import dev.orgkit.UserPrincipal;
import dev.orgkit.account.AccountId;
import dev.orgkit.account.Organization;
import dev.orgkit.account.ProfileUpdate;
import dev.orgkit.member.Role;
import dev.orgkit.policy.Decision;
import dev.orgkit.policy.DenialCode;
import dev.orgkit.policy.Permission;
import dev.orgkit.policy.Policy;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The rules R1 to R12, one test each: an allowed and a denied case with the exact code, and the
 * policy engine ({@code kit.policy().decide}) agreeing with what the command does.
 *
 * @since 0.1.0
 */
public abstract class RulesContract extends ContractFixture {

    @Test
    void r1_a_personal_account_cannot_have_members_or_invitations() {
        UserPrincipal ana = user("ana");
        AccountId personal = kit.accounts().personal(ana).id();
        Organization org = acme(ana);

        assertDenied(ana, personal, Permission.INVITE_MEMBERS, DenialCode.PERSONAL_ACCOUNT_CANNOT_HAVE_MEMBERS);
        assertThat(refusal(() -> kit.members().invite(ana, personal, "bob@example.com", Role.MEMBER)))
                .isEqualTo(DenialCode.PERSONAL_ACCOUNT_CANNOT_HAVE_MEMBERS);
        assertThat(refusal(() -> kit.invitations().pending(ana, personal, dev.orgkit.PageRequest.first(5))))
                .isEqualTo(DenialCode.PERSONAL_ACCOUNT_CANNOT_HAVE_MEMBERS);
        assertThat(kit.members().list(ana, personal, dev.orgkit.PageRequest.first(5)).items()).isEmpty();

        assertAllowed(ana, org.id(), Permission.INVITE_MEMBERS);
        kit.members().invite(ana, org.id(), "bob@example.com", Role.MEMBER);
    }

    @Test
    void r2_only_admins_edit_the_profile_invite_promote_remove_and_see_the_audit_trail() {
        UserPrincipal ana = user("ana");
        UserPrincipal bob = user("bob");
        UserPrincipal cid = user("cid");
        Organization org = acme(ana);
        join(ana, org.id(), bob, Role.MEMBER);
        join(ana, org.id(), cid, Role.MEMBER);
        ProfileUpdate update = new ProfileUpdate("Bob SAS", "alerts@acme.example", "billing@acme.example");

        for (Permission permission : EnumSet.of(Permission.EDIT_PROFILE, Permission.INVITE_MEMBERS,
                Permission.PROMOTE_MEMBER, Permission.REMOVE_MEMBER, Permission.VIEW_AUDIT_TRAIL,
                Permission.REQUEST_SUPPORT)) {
            assertDenied(bob, org.id(), permission, DenialCode.ADMIN_ROLE_REQUIRED);
            assertAllowed(ana, org.id(), permission);
        }
        assertThat(refusal(() -> kit.organizations().updateProfile(bob, org.id(), update)))
                .isEqualTo(DenialCode.ADMIN_ROLE_REQUIRED);
        assertThat(refusal(() -> kit.members().invite(bob, org.id(), "dan@example.com", Role.MEMBER)))
                .isEqualTo(DenialCode.ADMIN_ROLE_REQUIRED);
        assertThat(refusal(() -> kit.members().changeRole(bob, org.id(), cid.userId(), Role.ADMIN)))
                .isEqualTo(DenialCode.ADMIN_ROLE_REQUIRED);
        assertThat(refusal(() -> kit.members().remove(bob, org.id(), cid.userId(), "cid@example.com")))
                .isEqualTo(DenialCode.ADMIN_ROLE_REQUIRED);
        assertThat(refusal(() -> kit.audit().list(bob, org.id(), dev.orgkit.PageRequest.first(5))))
                .isEqualTo(DenialCode.ADMIN_ROLE_REQUIRED);

        kit.organizations().updateProfile(ana, org.id(), update);
        kit.members().invite(ana, org.id(), "dan@example.com", Role.MEMBER);
        kit.members().changeRole(ana, org.id(), cid.userId(), Role.ADMIN);
        kit.members().remove(ana, org.id(), bob.userId(), "bob@example.com");
        assertThat(kit.audit().list(ana, org.id(), dev.orgkit.PageRequest.first(5)).items()).isNotEmpty();
    }

    @Test
    void r3_an_admin_promotes_a_member_but_demoting_an_admin_is_support_only() {
        UserPrincipal ana = user("ana");
        UserPrincipal bob = user("bob");
        Organization org = acme(ana);
        join(ana, org.id(), bob, Role.MEMBER);

        assertAllowed(ana, org.id(), Permission.PROMOTE_MEMBER);
        assertThat(kit.members().changeRole(ana, org.id(), bob.userId(), Role.ADMIN).role()).isEqualTo(Role.ADMIN);

        assertDenied(ana, org.id(), Permission.DEMOTE_ADMIN, DenialCode.ADMIN_CHANGE_REQUIRES_SUPPORT);
        assertThat(refusal(() -> kit.members().changeRole(ana, org.id(), bob.userId(), Role.MEMBER)))
                .isEqualTo(DenialCode.ADMIN_CHANGE_REQUIRES_SUPPORT);
        assertAllowed(Principal.support("agent-7"), org.id(), Permission.DEMOTE_ADMIN);
    }

    @Test
    void r4_an_admin_removes_a_member_but_removing_an_admin_is_support_only() {
        UserPrincipal ana = user("ana");
        UserPrincipal bob = user("bob");
        UserPrincipal cid = user("cid");
        Organization org = acme(ana);
        join(ana, org.id(), bob, Role.ADMIN);
        join(ana, org.id(), cid, Role.MEMBER);

        assertDenied(ana, org.id(), Permission.REMOVE_ADMIN, DenialCode.ADMIN_CHANGE_REQUIRES_SUPPORT);
        assertThat(refusal(() -> kit.members().remove(ana, org.id(), bob.userId(), "bob@example.com")))
                .isEqualTo(DenialCode.ADMIN_CHANGE_REQUIRES_SUPPORT);
        assertAllowed(Principal.support("agent-7"), org.id(), Permission.REMOVE_ADMIN);

        assertAllowed(ana, org.id(), Permission.REMOVE_MEMBER);
        kit.members().remove(ana, org.id(), cid.userId(), "cid@example.com");
        assertThat(members(org.id())).hasSize(2);
    }

    @Test
    void r5_removing_and_leaving_require_the_typed_confirmation() {
        UserPrincipal ana = user("ana");
        UserPrincipal bob = user("bob");
        UserPrincipal cid = user("cid");
        Organization org = acme(ana);
        join(ana, org.id(), bob, Role.MEMBER);
        join(ana, org.id(), cid, Role.MEMBER);

        assertThat(refusal(() -> kit.members().remove(ana, org.id(), bob.userId(), "cid@example.com")))
                .isEqualTo(DenialCode.CONFIRMATION_MISMATCH);
        assertThat(refusal(() -> kit.organizations().leave(cid, org.id(), "Acme Inc")))
                .isEqualTo(DenialCode.CONFIRMATION_MISMATCH);
        assertThat(members(org.id())).hasSize(3);

        kit.members().remove(ana, org.id(), bob.userId(), "Bob@Example.com");
        kit.organizations().leave(cid, org.id(), "Acme");
        assertThat(members(org.id())).hasSize(1);
        assertThat(Policy.emailConfirmed(dev.orgkit.EmailAddress.of("bob@example.com"), " BOB@example.com ").isAllowed())
                .isTrue();
    }

    @Test
    void r6_every_organization_keeps_at_least_one_admin() {
        UserPrincipal ana = user("ana");
        UserPrincipal bob = user("bob");
        Organization org = acme(ana);
        join(ana, org.id(), bob, Role.MEMBER);

        assertDenied(ana, org.id(), Permission.LEAVE, DenialCode.LAST_ADMIN);
        assertThat(refusal(() -> kit.organizations().leave(ana, org.id(), "Acme"))).isEqualTo(DenialCode.LAST_ADMIN);
        assertAllowed(bob, org.id(), Permission.LEAVE);

        kit.members().changeRole(ana, org.id(), bob.userId(), Role.ADMIN);
        assertAllowed(ana, org.id(), Permission.LEAVE);
        kit.organizations().leave(ana, org.id(), "Acme");
        assertDenied(bob, org.id(), Permission.LEAVE, DenialCode.LAST_ADMIN);
        assertThat(refusal(() -> kit.organizations().leave(bob, org.id(), "Acme"))).isEqualTo(DenialCode.LAST_ADMIN);
        assertThat(members(org.id())).extracting(m -> m.role()).containsExactly(Role.ADMIN);
    }

    @Test
    void r7_a_user_has_at_most_one_membership_and_an_email_one_pending_invitation() {
        UserPrincipal ana = user("ana");
        Organization org = acme(ana);
        join(ana, org.id(), user("bob"), Role.MEMBER);
        kit.members().invite(ana, org.id(), "cid@example.com", Role.MEMBER);

        Throwable member = catchThrowable(() -> kit.members().invite(ana, org.id(), "bob@example.com", Role.MEMBER));
        Throwable pending = catchThrowable(() -> kit.members().invite(ana, org.id(), "cid@example.com", Role.MEMBER));

        assertThat(member).isInstanceOf(dev.orgkit.ConflictException.class);
        assertThat(pending).isInstanceOf(dev.orgkit.ConflictException.class);
        assertThat(codeOf(member)).contains(DenialCode.ALREADY_A_MEMBER);
        assertThat(codeOf(pending)).contains(DenialCode.INVITATION_ALREADY_PENDING);
        assertThat(kit.members().invite(ana, org.id(), "dan@example.com", Role.MEMBER).email().value())
                .isEqualTo("dan@example.com");
    }

    @Test
    void r8_an_invitation_is_accepted_once_while_pending_and_unexpired_by_the_invited_email() {
        UserPrincipal ana = user("ana");
        Organization org = acme(ana);
        kit.members().invite(ana, org.id(), "bob@example.com", Role.ADMIN);
        String bobs = mailer.lastTokenFor("bob@example.com");
        kit.members().invite(ana, org.id(), "cid@example.com", Role.MEMBER);
        String cids = mailer.lastTokenFor("cid@example.com");

        assertThat(refusal(() -> kit.invitations().accept(user("eve"), bobs)))
                .isEqualTo(DenialCode.INVITATION_EMAIL_MISMATCH);
        assertThat(kit.invitations().accept(user("bob"), bobs).role()).isEqualTo(Role.ADMIN);
        assertThat(refusal(() -> kit.invitations().accept(user("bob"), bobs)))
                .isEqualTo(DenialCode.INVITATION_NOT_PENDING);
        clock.advance(OrgKit.Builder.DEFAULT_INVITATION_TTL);
        assertThat(refusal(() -> kit.invitations().accept(user("cid"), cids)))
                .isEqualTo(DenialCode.INVITATION_EXPIRED);
    }

    @Test
    void r9_a_non_member_learns_nothing_not_even_whether_the_organization_exists() {
        UserPrincipal ana = user("ana");
        UserPrincipal eve = user("eve");
        Organization org = acme(ana);
        AccountId unknown = AccountId.of("org_00000000000000000000000000000000");
        AccountId anasPersonal = kit.accounts().personal(ana).id();

        for (Permission permission : Permission.values()) {
            Decision existing = kit.policy().decide(eve, org.id(), permission);
            assertThat(existing).as(permission.name()).isEqualTo(kit.policy().decide(eve, unknown, permission));
            assertThat(existing).as(permission.name()).isEqualTo(kit.policy().decide(eve, anasPersonal, permission));
            assertThat(existing).as(permission.name()).isEqualTo(DenialCode.NOT_FOUND.denial());
        }
        for (AccountId hidden : new AccountId[] {org.id(), anasPersonal}) {
            assertSameAnswer(() -> kit.organizations().get(eve, hidden), () -> kit.organizations().get(eve, unknown));
            assertSameAnswer(() -> kit.members().list(eve, hidden, dev.orgkit.PageRequest.first(5)),
                    () -> kit.members().list(eve, unknown, dev.orgkit.PageRequest.first(5)));
            assertSameAnswer(() -> kit.accounts().switchTo(eve, hidden), () -> kit.accounts().switchTo(eve, unknown));
            assertSameAnswer(() -> kit.audit().list(eve, hidden, dev.orgkit.PageRequest.first(5)),
                    () -> kit.audit().list(eve, unknown, dev.orgkit.PageRequest.first(5)));
            assertSameAnswer(() -> kit.invitations().pending(eve, hidden, dev.orgkit.PageRequest.first(5)),
                    () -> kit.invitations().pending(eve, unknown, dev.orgkit.PageRequest.first(5)));
            assertSameAnswer(() -> kit.members().invite(eve, hidden, "x@example.com", Role.ADMIN),
                    () -> kit.members().invite(eve, unknown, "x@example.com", Role.ADMIN));
            assertSameAnswer(() -> kit.members().changeRole(eve, hidden, ana.userId(), Role.MEMBER),
                    () -> kit.members().changeRole(eve, unknown, ana.userId(), Role.MEMBER));
            assertSameAnswer(() -> kit.members().remove(eve, hidden, ana.userId(), "ana@example.com"),
                    () -> kit.members().remove(eve, unknown, ana.userId(), "ana@example.com"));
            assertSameAnswer(() -> kit.organizations().leave(eve, hidden, "Acme"),
                    () -> kit.organizations().leave(eve, unknown, "Acme"));
            assertSameAnswer(() -> kit.organizations().updateProfile(eve, hidden,
                            new ProfileUpdate("E", "e@example.com", "e@example.com")),
                    () -> kit.organizations().updateProfile(eve, unknown,
                            new ProfileUpdate("E", "e@example.com", "e@example.com")));
        }

        assertAllowed(ana, org.id(), Permission.VIEW_ACCOUNT);
        assertThat(kit.organizations().get(ana, org.id())).isEqualTo(org);
    }

    @Test
    void r10_nobody_removes_themselves_or_leaves_their_personal_account() {
        UserPrincipal ana = user("ana");
        UserPrincipal bob = user("bob");
        Organization org = acme(ana);
        join(ana, org.id(), bob, Role.ADMIN);
        AccountId personal = kit.accounts().personal(ana).id();

        assertThat(refusal(() -> kit.members().remove(ana, org.id(), ana.userId(), "ana@example.com")))
                .isEqualTo(DenialCode.USE_LEAVE);
        assertDenied(ana, personal, Permission.LEAVE, DenialCode.CANNOT_LEAVE_PERSONAL_ACCOUNT);
        assertThat(refusal(() -> kit.organizations().leave(ana, personal, "Personal account")))
                .isEqualTo(DenialCode.CANNOT_LEAVE_PERSONAL_ACCOUNT);

        assertAllowed(ana, org.id(), Permission.LEAVE);
        kit.organizations().leave(ana, org.id(), "Acme");
        assertThat(members(org.id())).extracting(m -> m.userId()).containsExactly(bob.userId());
    }

    @Test
    void r11_support_acts_only_as_support_and_users_cannot_act_as_support() {
        UserPrincipal ana = user("ana");
        Organization org = acme(ana);
        AccountId personal = kit.accounts().personal(ana).id();
        SupportPrincipal agent = Principal.support("agent-7");

        Set<Permission> supportMay = EnumSet.of(Permission.VIEW_ACCOUNT, Permission.VIEW_AUDIT_TRAIL,
                Permission.PROMOTE_MEMBER, Permission.DEMOTE_ADMIN, Permission.REMOVE_ADMIN, Permission.REMOVE_MEMBER,
                Permission.DELETE_ORGANIZATION);
        for (Permission permission : Permission.values()) {
            if (supportMay.contains(permission)) {
                assertAllowed(agent, org.id(), permission);
            } else {
                assertDenied(agent, org.id(), permission, DenialCode.NOT_FOR_SUPPORT);
            }
        }
        assertDenied(agent, personal, Permission.DEMOTE_ADMIN, DenialCode.PERSONAL_ACCOUNT_CANNOT_HAVE_MEMBERS);
        assertDenied(agent, AccountId.of("org_unknown"), Permission.VIEW_ACCOUNT, DenialCode.NOT_FOUND);
        assertThat(kit.organizations().get(agent, org.id())).isEqualTo(org);
        assertThat(kit.audit().list(agent, org.id(), dev.orgkit.PageRequest.first(5)).items()).isNotEmpty();
        assertThat(refusal(() -> kit.invitations().pending(agent, org.id(), dev.orgkit.PageRequest.first(5))))
                .isEqualTo(DenialCode.NOT_FOR_SUPPORT);

        // Demoting and removing admins is support's work; a user, even an admin, is told so.
        assertDenied(ana, org.id(), Permission.DEMOTE_ADMIN, DenialCode.ADMIN_CHANGE_REQUIRES_SUPPORT);
        assertThat(Policy.supportOnly(ana)).isEqualTo(DenialCode.SUPPORT_ONLY.denial());
        assertThat(Policy.supportOnly(agent).isAllowed()).isTrue();
    }

    @Test
    void r12_admins_and_personal_owners_manage_api_keys_members_only_if_the_host_allows() {
        UserPrincipal ana = user("ana");
        UserPrincipal bob = user("bob");
        Organization org = acme(ana);
        join(ana, org.id(), bob, Role.MEMBER);
        AccountId bobs = kit.accounts().personal(bob).id();

        assertAllowed(ana, org.id(), Permission.MANAGE_API_KEYS);
        assertAllowed(bob, bobs, Permission.MANAGE_API_KEYS);
        assertDenied(bob, org.id(), Permission.MANAGE_API_KEYS, DenialCode.ADMIN_ROLE_REQUIRED);
        assertAllowed(bob, org.id(), Permission.VIEW_API_KEYS);
        assertDenied(ana, bobs, Permission.MANAGE_API_KEYS, DenialCode.NOT_FOUND);
        assertDenied(Principal.support("agent-7"), org.id(), Permission.MANAGE_API_KEYS, DenialCode.NOT_FOR_SUPPORT);

        try (OrgKit permissive = OrgKit.builder().storage(storage).mailer(mailer).clock(clock)
                .membersManageApiKeys(true).build()) {
            assertThat(permissive.policy().decide(bob, org.id(), Permission.MANAGE_API_KEYS).isAllowed()).isTrue();
            assertThat(permissive.policy().decide(user("eve"), org.id(), Permission.MANAGE_API_KEYS))
                    .isEqualTo(DenialCode.NOT_FOUND.denial());
        }
    }

    // ---- helpers ----

    private void assertAllowed(Principal principal, AccountId accountId, Permission permission) {
        assertThat(kit.policy().decide(principal, accountId, permission).isAllowed())
                .as("%s may %s", principal, permission)
                .isTrue();
    }

    private void assertDenied(Principal principal, AccountId accountId, Permission permission, DenialCode code) {
        Decision decision = kit.policy().decide(principal, accountId, permission);
        assertThat(decision).as("%s may not %s", principal, permission).isInstanceOf(Decision.Denied.class);
        assertThat(((Decision.Denied) decision).code()).as("%s may not %s", principal, permission).isEqualTo(code);
        assertThat(((Decision.Denied) decision).message()).isNotBlank();
    }

    private static void assertSameAnswer(
            org.assertj.core.api.ThrowableAssert.ThrowingCallable hidden,
            org.assertj.core.api.ThrowableAssert.ThrowingCallable unknown) {
        Throwable forHidden = catchThrowable(hidden);
        Throwable forUnknown = catchThrowable(unknown);
        assertThat(forHidden).isNotNull();
        assertThat(forUnknown).isNotNull();
        assertThat(forHidden.getClass()).isEqualTo(forUnknown.getClass());
        assertThat(forHidden.getMessage()).isEqualTo(forUnknown.getMessage());
        assertThat(codeOf(forHidden)).isEqualTo(codeOf(forUnknown)).contains(DenialCode.NOT_FOUND);
    }
}
