package dev.orgkit.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.tuple;

import dev.orgkit.ConflictException;
import dev.orgkit.EmailAddress;
import dev.orgkit.NotFoundException;
import dev.orgkit.UserPrincipal;
import dev.orgkit.account.AccountId;
import dev.orgkit.account.NewOrganization;
import dev.orgkit.account.Organization;
import dev.orgkit.account.ProfileUpdate;
import dev.orgkit.audit.AuditAction;
import dev.orgkit.audit.AuditEvent;
import dev.orgkit.member.Membership;
import dev.orgkit.member.Role;
import dev.orgkit.policy.DenialCode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Organizations: creating one, reading it, editing its profile, and leaving it.
 *
 * @since 0.1.0
 */
public abstract class OrganizationsContract extends ContractFixture {

    // ---- create ----

    @Test
    void the_creator_becomes_the_first_admin_with_the_verified_email() {
        UserPrincipal ana = user("ana");
        Organization org = acme(ana);
        assertThat(members(org.id())).singleElement().satisfies(m -> {
            assertThat(m.userId()).isEqualTo(ana.userId());
            assertThat(m.email()).isEqualTo(EmailAddress.of("ana@example.com"));
            assertThat(m.role()).isEqualTo(Role.ADMIN);
            assertThat(m.joinedAt()).isEqualTo(START);
        });
    }

    @Test
    void creating_an_organization_keeps_the_profile_as_given_and_starts_at_version_one() {
        Organization org = kit.organizations().create(user("ana"),
                new NewOrganization("  Acme ", "Acme SAS", " Alerts@Acme.Example", "billing@acme.example"));
        assertThat(org.accountName()).isEqualTo("Acme");
        assertThat(org.legalName()).isEqualTo("Acme SAS");
        assertThat(org.alertingEmail()).isEqualTo(EmailAddress.of("alerts@acme.example"));
        assertThat(org.invoicingEmail()).isEqualTo(EmailAddress.of("billing@acme.example"));
        assertThat(org.createdBy()).isEqualTo(user("ana").userId());
        assertThat(org.version()).isEqualTo(1);
        assertThat(kit.organizations().get(user("ana"), org.id())).isEqualTo(org);
    }

    @Test
    void creating_an_organization_is_audited_with_its_creator() {
        Organization org = acme(user("ana"));
        assertThat(trail(org.id())).singleElement().satisfies(event -> {
            assertThat(event.action()).isEqualTo(AuditAction.ORGANIZATION_CREATED);
            assertThat(event.actor().id()).isEqualTo("u-ana");
            assertThat(event.accountId()).isEqualTo(org.id());
            assertThat(event.at()).isEqualTo(START);
        });
    }

    @Test
    void a_user_may_create_several_organizations_with_distinct_ids() {
        UserPrincipal ana = user("ana");
        assertThat(acme(ana).id()).isNotEqualTo(acme(ana).id());
    }

    // ---- get ----

    @Test
    void members_and_support_see_the_organization() {
        UserPrincipal ana = user("ana");
        UserPrincipal bob = user("bob");
        Organization org = acme(ana);
        join(ana, org.id(), bob, Role.MEMBER);
        assertThat(kit.organizations().get(bob, org.id())).isEqualTo(org);
        assertThat(kit.organizations().get(OBSERVER, org.id())).isEqualTo(org);
    }

    @Test
    void a_non_member_gets_the_same_answer_as_for_an_unknown_id() {
        Organization org = acme(user("ana"));
        UserPrincipal eve = user("eve");

        Throwable existing = catchThrowable(() -> kit.organizations().get(eve, org.id()));
        Throwable unknown = catchThrowable(() -> kit.organizations().get(eve, AccountId.of("org_0123456789abcdef")));

        assertThat(existing).isInstanceOf(NotFoundException.class);
        assertThat(unknown).isInstanceOf(NotFoundException.class);
        assertThat(existing.getClass()).isEqualTo(unknown.getClass());
        assertThat(existing.getMessage()).isEqualTo(unknown.getMessage());
        assertThat(((NotFoundException) existing).code()).isEqualTo(((NotFoundException) unknown).code())
                .isEqualTo(DenialCode.NOT_FOUND);
    }

    @Test
    void a_former_member_no_longer_sees_the_organization() {
        UserPrincipal ana = user("ana");
        UserPrincipal bob = user("bob");
        Organization org = acme(ana);
        join(ana, org.id(), bob, Role.MEMBER);
        kit.organizations().leave(bob, org.id(), "Acme");
        assertThat(refusal(() -> kit.organizations().get(bob, org.id()))).isEqualTo(DenialCode.NOT_FOUND);
    }

    @Test
    void a_personal_account_is_not_an_organization() {
        UserPrincipal ana = user("ana");
        AccountId personal = kit.accounts().personal(ana).id();
        assertThat(refusal(() -> kit.organizations().get(ana, personal))).isEqualTo(DenialCode.NOT_FOUND);
    }

    // ---- updateProfile ----

    @Test
    void an_admin_edits_the_profile_and_the_version_grows() {
        UserPrincipal ana = user("ana");
        Organization org = acme(ana);

        Organization updated = kit.organizations().updateProfile(ana, org.id(),
                new ProfileUpdate("Acme Holding SAS", "ops@acme.example", "ap@acme.example"));

        assertThat(updated.legalName()).isEqualTo("Acme Holding SAS");
        assertThat(updated.alertingEmail()).isEqualTo(EmailAddress.of("ops@acme.example"));
        assertThat(updated.invoicingEmail()).isEqualTo(EmailAddress.of("ap@acme.example"));
        assertThat(updated.version()).isEqualTo(2);
        assertThat(kit.organizations().get(ana, org.id())).isEqualTo(updated);
    }

    @Test
    void a_profile_update_is_audited_with_the_values_before_and_after() {
        UserPrincipal ana = user("ana");
        Organization org = acme(ana);
        kit.organizations().updateProfile(ana, org.id(),
                new ProfileUpdate("Acme Holding SAS", "alerts@acme.example", "billing@acme.example"));
        AuditEvent event = trail(org.id()).get(0);
        assertThat(event.action()).isEqualTo(AuditAction.PROFILE_UPDATED);
        assertThat(event.actor().id()).isEqualTo("u-ana");
        assertThat(event.details()).isEqualTo(Map.of(
                "legalName.before", "Acme SAS", "legalName.after", "Acme Holding SAS"));
    }

    @Test
    void the_account_name_is_not_editable() {
        UserPrincipal ana = user("ana");
        Organization org = acme(ana);
        Organization updated = kit.organizations().updateProfile(ana, org.id(),
                new ProfileUpdate("Other SAS", "ops@acme.example", "ap@acme.example"));
        assertThat(updated.accountName()).isEqualTo("Acme");
        assertThat(kit.organizations().get(ana, org.id()).accountName()).isEqualTo("Acme");
        assertThat(ProfileUpdate.class.getRecordComponents())
                .extracting(c -> c.getName())
                .doesNotContain("accountName");
    }

    @Test
    void an_update_that_changes_nothing_writes_no_audit_event_and_keeps_the_version() {
        UserPrincipal ana = user("ana");
        Organization org = acme(ana);
        List<AuditEvent> before = trail(org.id());

        Organization same = kit.organizations().updateProfile(ana, org.id(),
                new ProfileUpdate(" Acme SAS ", "ALERTS@acme.example", "billing@acme.example").expectingVersion(1));

        assertThat(same).isEqualTo(org);
        assertThat(trail(org.id())).isEqualTo(before);
    }

    @Test
    void an_update_against_a_stale_version_is_refused_and_changes_nothing() {
        UserPrincipal ana = user("ana");
        UserPrincipal bob = user("bob");
        Organization org = acme(ana);
        join(ana, org.id(), bob, Role.ADMIN);
        Organization seenByBoth = kit.organizations().get(ana, org.id());
        kit.organizations().updateProfile(ana, org.id(),
                new ProfileUpdate("Ana's SAS", "alerts@acme.example", "billing@acme.example")
                        .expectingVersion(seenByBoth.version()));
        Organization afterAna = kit.organizations().get(ana, org.id());
        List<AuditEvent> trail = trail(org.id());

        Throwable thrown = catchThrowable(() -> kit.organizations().updateProfile(bob, org.id(),
                new ProfileUpdate("Bob's SAS", "alerts@acme.example", "billing@acme.example")
                        .expectingVersion(seenByBoth.version())));

        assertThat(thrown).isInstanceOf(ConflictException.class);
        assertThat(((ConflictException) thrown).code()).isEqualTo(DenialCode.STALE_VERSION);
        assertThat(kit.organizations().get(ana, org.id())).isEqualTo(afterAna);
        assertThat(trail(org.id())).isEqualTo(trail);
    }

    @Test
    void an_update_expecting_the_current_version_succeeds() {
        UserPrincipal ana = user("ana");
        Organization org = acme(ana);
        Organization v2 = kit.organizations().updateProfile(ana, org.id(),
                new ProfileUpdate("Acme 2", "alerts@acme.example", "billing@acme.example").expectingVersion(1));
        Organization v3 = kit.organizations().updateProfile(ana, org.id(),
                new ProfileUpdate("Acme 3", "alerts@acme.example", "billing@acme.example").expectingVersion(2));
        assertThat(v2.version()).isEqualTo(2);
        assertThat(v3.version()).isEqualTo(3);
    }

    @Test
    void only_an_admin_edits_the_profile() {
        UserPrincipal ana = user("ana");
        UserPrincipal bob = user("bob");
        Organization org = acme(ana);
        join(ana, org.id(), bob, Role.MEMBER);
        ProfileUpdate update = new ProfileUpdate("Bob SAS", "alerts@acme.example", "billing@acme.example");

        assertThat(refusal(() -> kit.organizations().updateProfile(bob, org.id(), update)))
                .isEqualTo(DenialCode.ADMIN_ROLE_REQUIRED);
        assertThat(refusal(() -> kit.organizations().updateProfile(user("eve"), org.id(), update)))
                .isEqualTo(DenialCode.NOT_FOUND);
        assertThat(kit.organizations().get(ana, org.id())).isEqualTo(org);
    }

    @Test
    void a_personal_account_has_no_profile_to_edit() {
        UserPrincipal ana = user("ana");
        AccountId personal = kit.accounts().personal(ana).id();
        assertThat(refusal(() -> kit.organizations().updateProfile(ana, personal,
                new ProfileUpdate("Ana SAS", "a@example.com", "b@example.com"))))
                .isEqualTo(DenialCode.ORGANIZATION_ONLY);
    }

    // ---- leave ----

    @Test
    void a_member_leaves_by_typing_the_account_name() {
        UserPrincipal ana = user("ana");
        UserPrincipal bob = user("bob");
        Organization org = acme(ana);
        join(ana, org.id(), bob, Role.MEMBER);

        kit.organizations().leave(bob, org.id(), " Acme ");

        assertThat(members(org.id())).extracting(Membership::userId).containsExactly(ana.userId());
        assertThat(trail(org.id()).get(0)).satisfies(event -> {
            assertThat(event.action()).isEqualTo(AuditAction.MEMBER_LEFT);
            assertThat(event.actor().id()).isEqualTo("u-bob");
            assertThat(event.target()).isEqualTo("u-bob");
        });
    }

    @Test
    void leaving_with_another_name_typed_is_refused_and_changes_nothing() {
        UserPrincipal ana = user("ana");
        UserPrincipal bob = user("bob");
        Organization org = acme(ana);
        join(ana, org.id(), bob, Role.MEMBER);
        List<AuditEvent> trail = trail(org.id());

        assertThat(refusal(() -> kit.organizations().leave(bob, org.id(), "acme")))
                .isEqualTo(DenialCode.CONFIRMATION_MISMATCH);
        assertThat(refusal(() -> kit.organizations().leave(bob, org.id(), "Acme SAS")))
                .isEqualTo(DenialCode.CONFIRMATION_MISMATCH);

        assertThat(members(org.id())).hasSize(2);
        assertThat(trail(org.id())).isEqualTo(trail);
    }

    @Test
    void the_last_admin_cannot_leave() {
        UserPrincipal ana = user("ana");
        UserPrincipal bob = user("bob");
        Organization org = acme(ana);
        join(ana, org.id(), bob, Role.MEMBER);

        assertThat(refusal(() -> kit.organizations().leave(ana, org.id(), "Acme"))).isEqualTo(DenialCode.LAST_ADMIN);

        assertThat(members(org.id())).hasSize(2);
    }

    @Test
    void the_only_member_who_is_admin_cannot_leave_either() {
        UserPrincipal ana = user("ana");
        Organization org = acme(ana);
        assertThat(refusal(() -> kit.organizations().leave(ana, org.id(), "Acme"))).isEqualTo(DenialCode.LAST_ADMIN);
        assertThat(members(org.id())).hasSize(1);
    }

    @Test
    void an_admin_leaves_when_another_admin_remains() {
        UserPrincipal ana = user("ana");
        UserPrincipal bob = user("bob");
        Organization org = acme(ana);
        join(ana, org.id(), bob, Role.ADMIN);

        kit.organizations().leave(ana, org.id(), "Acme");

        assertThat(members(org.id())).extracting(Membership::userId, Membership::role)
                .containsExactly(tuple(bob.userId(), Role.ADMIN));
    }

    @Test
    void nobody_leaves_a_personal_account() {
        UserPrincipal ana = user("ana");
        AccountId personal = kit.accounts().personal(ana).id();
        assertThat(refusal(() -> kit.organizations().leave(ana, personal, "Personal account")))
                .isEqualTo(DenialCode.CANNOT_LEAVE_PERSONAL_ACCOUNT);
        assertThat(refusal(() -> kit.organizations().leave(user("eve"), personal, "Personal account")))
                .isEqualTo(DenialCode.NOT_FOUND);
    }

    @Test
    void a_non_member_cannot_leave() {
        Organization org = acme(user("ana"));
        assertThat(refusal(() -> kit.organizations().leave(user("eve"), org.id(), "Acme")))
                .isEqualTo(DenialCode.NOT_FOUND);
    }

    @Test
    void a_member_who_left_can_be_invited_again() {
        UserPrincipal ana = user("ana");
        UserPrincipal bob = user("bob");
        Organization org = acme(ana);
        join(ana, org.id(), bob, Role.MEMBER);
        kit.organizations().leave(bob, org.id(), "Acme");
        clock.advance(Duration.ofMinutes(1));

        Membership again = join(ana, org.id(), bob, Role.ADMIN);

        assertThat(again.role()).isEqualTo(Role.ADMIN);
        assertThat(members(org.id())).hasSize(2);
    }
}
