package dev.orgkit.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orgkit.EmailAddress;
import dev.orgkit.Principal;
import dev.orgkit.SupportPrincipal;
import dev.orgkit.UserId;
import dev.orgkit.UserPrincipal;
import dev.orgkit.account.AccountId;
import dev.orgkit.account.Organization;
import dev.orgkit.account.PersonalAccount;
import dev.orgkit.invitation.Invitation;
import dev.orgkit.invitation.InvitationId;
import dev.orgkit.invitation.InvitationStatus;
import dev.orgkit.member.Role;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Each rule of the pure policy, alone: the facts in, the decision out. */
class PolicyTest {
    static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    static final UserPrincipal ANA = Principal.user("u-ana", "ana@example.com");
    static final SupportPrincipal AGENT = Principal.support("agent-7");
    static final Organization ACME = new Organization(AccountId.of("org_1"), "Acme", "Acme SAS",
            EmailAddress.of("alerts@acme.example"), EmailAddress.of("billing@acme.example"), UserId.of("u-ana"),
            NOW, 1);
    static final PersonalAccount ANAS_OWN = new PersonalAccount(AccountId.of("acct_1"), UserId.of("u-ana"), NOW);
    static final PersonalAccount SOMEONE_ELSES = new PersonalAccount(AccountId.of("acct_2"), UserId.of("u-bob"), NOW);

    final Policy policy = Policy.defaults();

    static DenialCode code(Decision decision) {
        assertThat(decision).isInstanceOf(Decision.Denied.class);
        return ((Decision.Denied) decision).code();
    }

    static Invitation invitation(InvitationStatus status, Instant expiresAt) {
        return new Invitation(InvitationId.of("inv_1"), ACME.id(), EmailAddress.of("bob@example.com"), Role.MEMBER,
                UserId.of("u-ana"), EmailAddress.of("ana@example.com"), status, NOW.minusSeconds(60), expiresAt);
    }

    @Nested
    class Rules {
        @Test
        void r1_a_personal_account_cannot_have_members() {
            assertThat(code(Policy.organizationsOnly(ANAS_OWN))).isEqualTo(DenialCode.PERSONAL_ACCOUNT_CANNOT_HAVE_MEMBERS);
            assertThat(Policy.organizationsOnly(ACME).isAllowed()).isTrue();
        }

        @Test
        void r2_only_admins_administer() {
            assertThat(code(Policy.adminRoleRequired(Role.MEMBER))).isEqualTo(DenialCode.ADMIN_ROLE_REQUIRED);
            assertThat(Policy.adminRoleRequired(Role.ADMIN).isAllowed()).isTrue();
        }

        @Test
        void r3_a_user_promotes_but_never_demotes_an_admin() {
            assertThat(Policy.userMayChangeRole(Role.MEMBER, Role.ADMIN).isAllowed()).isTrue();
            assertThat(code(Policy.userMayChangeRole(Role.ADMIN, Role.MEMBER)))
                    .isEqualTo(DenialCode.ADMIN_CHANGE_REQUIRES_SUPPORT);
        }

        @Test
        void r4_a_user_removes_members_but_never_admins() {
            assertThat(Policy.userMayRemove(Role.MEMBER).isAllowed()).isTrue();
            assertThat(code(Policy.userMayRemove(Role.ADMIN))).isEqualTo(DenialCode.ADMIN_CHANGE_REQUIRES_SUPPORT);
        }

        @Test
        void r5_the_typed_email_is_compared_as_an_address() {
            EmailAddress bob = EmailAddress.of("bob@example.com");
            assertThat(Policy.emailConfirmed(bob, "  Bob@Example.COM ").isAllowed()).isTrue();
            assertThat(code(Policy.emailConfirmed(bob, "bob@example.org"))).isEqualTo(DenialCode.CONFIRMATION_MISMATCH);
        }

        @Test
        void r5_the_typed_account_name_must_be_exact() {
            assertThat(Policy.accountNameConfirmed("Acme", " Acme ").isAllowed()).isTrue();
            assertThat(code(Policy.accountNameConfirmed("Acme", "acme"))).isEqualTo(DenialCode.CONFIRMATION_MISMATCH);
        }

        @Test
        void r6_the_last_admin_stays() {
            assertThat(code(Policy.keepsAnAdmin(Role.ADMIN, 1))).isEqualTo(DenialCode.LAST_ADMIN);
            assertThat(Policy.keepsAnAdmin(Role.ADMIN, 2).isAllowed()).isTrue();
            assertThat(Policy.keepsAnAdmin(Role.MEMBER, 1).isAllowed()).isTrue();
        }

        @Test
        void r7_no_second_membership_and_no_second_pending_invitation() {
            assertThat(code(Policy.notAlreadyAMember(true))).isEqualTo(DenialCode.ALREADY_A_MEMBER);
            assertThat(Policy.notAlreadyAMember(false).isAllowed()).isTrue();
            Invitation pending = invitation(InvitationStatus.PENDING, NOW.plusSeconds(60));
            assertThat(code(Policy.noPendingInvitation(Optional.of(pending), NOW)))
                    .isEqualTo(DenialCode.INVITATION_ALREADY_PENDING);
            assertThat(Policy.noPendingInvitation(Optional.of(pending), NOW.plusSeconds(60)).isAllowed())
                    .as("an expired invitation makes way for a new one").isTrue();
            assertThat(Policy.noPendingInvitation(Optional.empty(), NOW).isAllowed()).isTrue();
        }

        @Test
        void r8_an_invitation_is_accepted_only_pending_unexpired_and_by_the_invited_address() {
            EmailAddress bob = EmailAddress.of("bob@example.com");
            Invitation pending = invitation(InvitationStatus.PENDING, NOW.plusSeconds(60));
            assertThat(Policy.invitationAcceptable(pending, bob, NOW).isAllowed()).isTrue();
            assertThat(code(Policy.invitationAcceptable(pending, bob, NOW.plusSeconds(60))))
                    .isEqualTo(DenialCode.INVITATION_EXPIRED);
            assertThat(code(Policy.invitationAcceptable(pending, EmailAddress.of("eve@example.com"), NOW)))
                    .isEqualTo(DenialCode.INVITATION_EMAIL_MISMATCH);
            assertThat(code(Policy.invitationAcceptable(pending.withStatus(InvitationStatus.ACCEPTED), bob, NOW)))
                    .isEqualTo(DenialCode.INVITATION_NOT_PENDING);
        }

        @Test
        void r9_a_non_member_learns_nothing() {
            for (Permission permission : Permission.values()) {
                assertThat(code(policy.decide(ANA, AccessFacts.of(ACME, Optional.empty()), permission)))
                        .as(permission.name()).isEqualTo(DenialCode.NOT_FOUND);
                assertThat(code(policy.decide(ANA, AccessFacts.of(SOMEONE_ELSES, Optional.empty()), permission)))
                        .as(permission.name()).isEqualTo(DenialCode.NOT_FOUND);
            }
        }

        @Test
        void r10_nobody_removes_themselves_or_leaves_their_personal_account() {
            assertThat(code(Policy.notYourself(UserId.of("u-ana"), UserId.of("u-ana")))).isEqualTo(DenialCode.USE_LEAVE);
            assertThat(Policy.notYourself(UserId.of("u-ana"), UserId.of("u-bob")).isAllowed()).isTrue();
            assertThat(code(policy.decide(ANA, AccessFacts.of(ANAS_OWN, Optional.empty()), Permission.LEAVE)))
                    .isEqualTo(DenialCode.CANNOT_LEAVE_PERSONAL_ACCOUNT);
        }

        @Test
        void r11_support_actions_need_a_support_principal() {
            assertThat(Policy.supportOnly(AGENT).isAllowed()).isTrue();
            assertThat(code(Policy.supportOnly(ANA))).isEqualTo(DenialCode.SUPPORT_ONLY);
        }

        @Test
        void r12_members_manage_api_keys_only_when_the_host_allows_it() {
            assertThat(code(Policy.defaults().mayManageApiKeys(Role.MEMBER))).isEqualTo(DenialCode.ADMIN_ROLE_REQUIRED);
            assertThat(Policy.membersManageApiKeys(true).mayManageApiKeys(Role.MEMBER).isAllowed()).isTrue();
            assertThat(Policy.defaults().mayManageApiKeys(Role.ADMIN).isAllowed()).isTrue();
        }
    }

    @Test
    void leaving_is_decided_with_the_admin_count_when_it_is_known() {
        var lastAdmin = new AccessFacts(ACME, Optional.of(Role.ADMIN), OptionalLong.of(1));
        var oneOfTwo = new AccessFacts(ACME, Optional.of(Role.ADMIN), OptionalLong.of(2));
        assertThat(code(policy.decide(ANA, lastAdmin, Permission.LEAVE))).isEqualTo(DenialCode.LAST_ADMIN);
        assertThat(policy.decide(ANA, oneOfTwo, Permission.LEAVE).isAllowed()).isTrue();
    }

    @Test
    void deciding_allocates_no_new_decisions() {
        var facts = AccessFacts.of(ACME, Optional.of(Role.MEMBER));
        assertThat(policy.decide(ANA, facts, Permission.EDIT_PROFILE))
                .isSameAs(policy.decide(ANA, facts, Permission.EDIT_PROFILE));
        assertThat(policy.decide(ANA, facts, Permission.VIEW_ACCOUNT)).isSameAs(Decision.ALLOWED);
    }

    @Test
    void every_code_names_its_rule_and_a_message() {
        for (DenialCode code : DenialCode.values()) {
            assertThat(code.rule()).isNotBlank();
            assertThat(code.defaultMessage()).isNotBlank();
            assertThat(code.denial().code()).isEqualTo(code);
        }
        assertThat(DenialCode.LAST_ADMIN.remedy()).contains("Promote another member first.");
        assertThat(DenialCode.ADMIN_CHANGE_REQUIRES_SUPPORT.remedy()).contains("File a support request.");
    }

    @Test
    void seats_are_refused_only_beyond_a_limit_and_accepting_only_over_it() {
        assertThat(Policy.seatsAvailable(OptionalInt.empty(), 1_000_000, 1).isAllowed()).isTrue();
        assertThat(Policy.seatsAvailable(OptionalInt.of(3), 2, 1).isAllowed()).isTrue();
        assertThat(code(Policy.seatsAvailable(OptionalInt.of(3), 3, 1))).isEqualTo(DenialCode.SEAT_LIMIT_REACHED);
        assertThat(Policy.seatsAvailable(OptionalInt.of(3), 3, 0).isAllowed()).isTrue();
        assertThat(code(Policy.seatsAvailable(OptionalInt.of(3), 4, 0))).isEqualTo(DenialCode.SEAT_LIMIT_REACHED);
        assertThat(DenialCode.SEAT_LIMIT_REACHED.remedy()).contains("Upgrade the plan or revoke an invitation.");
    }
}
