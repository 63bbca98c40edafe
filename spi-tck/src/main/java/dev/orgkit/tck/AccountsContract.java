package dev.orgkit.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.orgkit.UserPrincipal;
import dev.orgkit.account.AccountContext;
import dev.orgkit.account.AccountId;
import dev.orgkit.account.AccountKind;
import dev.orgkit.account.AccountSummary;
import dev.orgkit.account.NewOrganization;
import dev.orgkit.account.Organization;
import dev.orgkit.account.PersonalAccount;
import dev.orgkit.audit.AuditAction;
import dev.orgkit.member.Role;
import dev.orgkit.policy.DenialCode;
import dev.orgkit.policy.Permission;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Accounts: the personal account every user gets on first use, the overview of a user's accounts,
 * and the account a user works in.
 *
 * @since 0.1.0
 */
public abstract class AccountsContract extends ContractFixture {

    @Test
    void a_personal_account_is_created_on_first_use_and_the_same_one_is_returned_after() {
        UserPrincipal ana = user("ana");
        PersonalAccount first = kit.accounts().personal(ana);
        PersonalAccount second = kit.accounts().personal(ana);
        assertThat(second).isEqualTo(first);
        assertThat(first.owner()).isEqualTo(ana.userId());
        assertThat(first.createdAt()).isEqualTo(START);
    }

    @Test
    void creating_a_personal_account_is_audited_once() {
        UserPrincipal ana = user("ana");
        PersonalAccount account = kit.accounts().personal(ana);
        kit.accounts().personal(ana);
        kit.accounts().overview(ana);
        assertThat(trail(account.id()))
                .singleElement()
                .satisfies(event -> {
                    assertThat(event.action()).isEqualTo(AuditAction.PERSONAL_ACCOUNT_CREATED);
                    assertThat(event.actor().id()).isEqualTo("u-ana");
                });
    }

    @Test
    void two_users_get_two_different_personal_accounts() {
        assertThat(kit.accounts().personal(user("ana")).id()).isNotEqualTo(kit.accounts().personal(user("bob")).id());
    }

    @Test
    void the_overview_lists_the_personal_account_first_then_organizations_by_name_with_the_role() {
        UserPrincipal ana = user("ana");
        UserPrincipal bob = user("bob");
        Organization zeta = organization(ana, "Zeta");
        Organization acme = acme(bob);
        join(bob, acme.id(), ana, Role.MEMBER);
        Organization mid = organization(ana, "Midway");

        List<AccountSummary> overview = kit.accounts().overview(ana);

        assertThat(overview).extracting(AccountSummary::kind, AccountSummary::name, AccountSummary::role)
                .containsExactly(
                        tuple(AccountKind.PERSONAL, "Personal account", Optional.empty()),
                        tuple(AccountKind.ORGANIZATION, "Acme", Optional.of(Role.MEMBER)),
                        tuple(AccountKind.ORGANIZATION, "Midway", Optional.of(Role.ADMIN)),
                        tuple(AccountKind.ORGANIZATION, "Zeta", Optional.of(Role.ADMIN)));
        assertThat(overview.get(0).accountId()).isEqualTo(kit.accounts().personal(ana).id());
        assertThat(overview.subList(1, 4)).extracting(AccountSummary::accountId)
                .containsExactly(acme.id(), mid.id(), zeta.id());
    }

    @Test
    void the_overview_of_a_new_user_is_only_the_personal_account() {
        assertThat(kit.accounts().overview(user("ana")))
                .singleElement()
                .extracting(AccountSummary::kind)
                .isEqualTo(AccountKind.PERSONAL);
    }

    @Test
    void the_overview_no_longer_lists_an_organization_the_user_left() {
        UserPrincipal ana = user("ana");
        UserPrincipal bob = user("bob");
        Organization org = acme(ana);
        join(ana, org.id(), bob, Role.MEMBER);
        kit.organizations().leave(bob, org.id(), "Acme");
        assertThat(kit.accounts().overview(bob)).extracting(AccountSummary::kind).containsExactly(AccountKind.PERSONAL);
    }

    @Test
    void a_user_has_no_active_account_until_switching() {
        assertThat(kit.accounts().active(user("ana"))).isEmpty();
    }

    @Test
    void switching_to_an_organization_is_remembered_with_the_role_and_permissions() {
        UserPrincipal ana = user("ana");
        UserPrincipal bob = user("bob");
        Organization org = acme(ana);
        join(ana, org.id(), bob, Role.MEMBER);

        AccountContext context = kit.accounts().switchTo(bob, org.id());

        assertThat(context.accountId()).isEqualTo(org.id());
        assertThat(context.kind()).isEqualTo(AccountKind.ORGANIZATION);
        assertThat(context.name()).isEqualTo("Acme");
        assertThat(context.role()).contains(Role.MEMBER);
        assertThat(context.permissions()).contains(Permission.VIEW_ACCOUNT, Permission.LEAVE)
                .doesNotContain(Permission.INVITE_MEMBERS, Permission.EDIT_PROFILE);
        assertThat(kit.accounts().active(bob)).contains(context);
    }

    @Test
    void switching_to_the_personal_account_is_remembered_too() {
        UserPrincipal ana = user("ana");
        Organization org = acme(ana);
        kit.accounts().switchTo(ana, org.id());
        AccountId personal = kit.accounts().personal(ana).id();

        AccountContext context = kit.accounts().switchTo(ana, personal);

        assertThat(context.kind()).isEqualTo(AccountKind.PERSONAL);
        assertThat(context.role()).isEmpty();
        assertThat(context.permissions()).contains(Permission.MANAGE_API_KEYS).doesNotContain(Permission.LEAVE);
        assertThat(kit.accounts().active(ana)).map(AccountContext::accountId).contains(personal);
    }

    @Test
    void the_active_account_is_per_user() {
        UserPrincipal ana = user("ana");
        UserPrincipal bob = user("bob");
        Organization org = acme(ana);
        kit.accounts().switchTo(ana, org.id());
        assertThat(kit.accounts().active(bob)).isEmpty();
    }

    @Test
    void a_non_member_cannot_switch_to_an_organization_and_learns_nothing() {
        UserPrincipal ana = user("ana");
        UserPrincipal eve = user("eve");
        Organization org = acme(ana);

        assertThat(refusal(() -> kit.accounts().switchTo(eve, org.id()))).isEqualTo(DenialCode.NOT_FOUND);
        assertThat(refusal(() -> kit.accounts().switchTo(eve, AccountId.of("org_unknown"))))
                .isEqualTo(DenialCode.NOT_FOUND);
        assertThat(kit.accounts().active(eve)).isEmpty();
    }

    @Test
    void nobody_switches_to_someone_elses_personal_account() {
        AccountId anas = kit.accounts().personal(user("ana")).id();
        assertThat(refusal(() -> kit.accounts().switchTo(user("eve"), anas))).isEqualTo(DenialCode.NOT_FOUND);
    }

    @Test
    void a_failed_switch_keeps_the_previous_active_account() {
        UserPrincipal ana = user("ana");
        UserPrincipal bob = user("bob");
        Organization mine = acme(ana);
        Organization theirs = organization(bob, "Other");
        kit.accounts().switchTo(ana, mine.id());

        refusal(() -> kit.accounts().switchTo(ana, theirs.id()));

        assertThat(kit.accounts().active(ana)).map(AccountContext::accountId).contains(mine.id());
    }

    @Test
    void the_active_account_is_forgotten_after_leaving_it() {
        UserPrincipal ana = user("ana");
        UserPrincipal bob = user("bob");
        Organization org = acme(ana);
        join(ana, org.id(), bob, Role.MEMBER);
        kit.accounts().switchTo(bob, org.id());

        kit.organizations().leave(bob, org.id(), "Acme");

        assertThat(kit.accounts().active(bob)).isEmpty();
    }

    @Test
    void the_active_account_is_forgotten_after_being_removed_and_not_restored_by_rejoining() {
        UserPrincipal ana = user("ana");
        UserPrincipal bob = user("bob");
        Organization org = acme(ana);
        join(ana, org.id(), bob, Role.MEMBER);
        kit.accounts().switchTo(bob, org.id());

        kit.members().remove(ana, org.id(), bob.userId(), "bob@example.com");
        assertThat(kit.accounts().active(bob)).isEmpty();

        join(ana, org.id(), bob, Role.MEMBER);
        assertThat(kit.accounts().active(bob)).isEmpty();
    }

    @Test
    void leaving_another_organization_keeps_the_active_account() {
        UserPrincipal ana = user("ana");
        UserPrincipal bob = user("bob");
        Organization acme = acme(ana);
        Organization other = organization(ana, "Other");
        join(ana, acme.id(), bob, Role.MEMBER);
        join(ana, other.id(), bob, Role.MEMBER);
        kit.accounts().switchTo(bob, acme.id());

        kit.organizations().leave(bob, other.id(), "Other");

        assertThat(kit.accounts().active(bob)).map(AccountContext::accountId).contains(acme.id());
    }

    @Test
    void the_active_context_follows_a_promotion() {
        UserPrincipal ana = user("ana");
        UserPrincipal bob = user("bob");
        Organization org = acme(ana);
        join(ana, org.id(), bob, Role.MEMBER);
        kit.accounts().switchTo(bob, org.id());

        kit.members().changeRole(ana, org.id(), bob.userId(), Role.ADMIN);

        assertThat(kit.accounts().active(bob)).get().satisfies(context -> {
            assertThat(context.role()).contains(Role.ADMIN);
            assertThat(context.permissions()).contains(Permission.INVITE_MEMBERS);
        });
    }

    private Organization organization(UserPrincipal admin, String name) {
        return kit.organizations().create(admin,
                new NewOrganization(name, name + " Ltd", "alerts@" + name.toLowerCase() + ".example",
                        "billing@" + name.toLowerCase() + ".example"));
    }
}
