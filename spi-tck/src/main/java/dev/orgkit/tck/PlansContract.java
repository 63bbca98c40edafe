package dev.orgkit.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orgkit.UserPrincipal;
import dev.orgkit.account.AccountId;
import dev.orgkit.account.Organization;
import dev.orgkit.account.PersonalAccount;
import dev.orgkit.apikey.KeyVerification;
import dev.orgkit.apikey.NewApiKey;
import dev.orgkit.audit.Actor;
import dev.orgkit.audit.AuditAction;
import dev.orgkit.audit.AuditEvent;
import dev.orgkit.member.Role;
import dev.orgkit.plan.Enforcement;
import dev.orgkit.plan.PeriodUsage;
import dev.orgkit.plan.Plan;
import dev.orgkit.plan.UsageStatement;
import dev.orgkit.policy.DenialCode;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Plans, the current period, HARD enforcement and statements, through the public API on the storage
 * under test. (Alerts: {@link UsageAlertsContract}.)
 *
 * @since 0.2.0
 */
public abstract class PlansContract extends ContractFixture {
    /** An admin of Acme. */
    protected final UserPrincipal ana = user("ana");

    /** The secret of a new key of the account. */
    protected String key(UserPrincipal admin, AccountId accountId, String name) {
        return kit.apiKeys().create(admin, accountId, new NewApiKey(name)).secret();
    }

    /** Verifies {@code secret} {@code times} times; returns how many were valid. */
    protected static int verify(dev.orgkit.OrgKit on, String secret, int times) {
        int valid = 0;
        for (int i = 0; i < times; i++) {
            if (on.apiKeys().verify(secret).isValid()) {
                valid++;
            }
        }
        return valid;
    }

    @Test
    void an_account_without_a_plan_is_unlimited_and_nothing_is_enforced() {
        Organization acme = acme(ana);
        String secret = key(ana, acme.id(), "ci");

        assertThat(kit.plans().get(ana, acme.id())).isEqualTo(Plan.unlimited());
        assertThat(verify(kit, secret, 25)).isEqualTo(25);
        PeriodUsage usage = kit.usage().currentPeriod(ana, acme.id());
        assertThat(usage.used()).isEqualTo(25);
        assertThat(usage.included()).isEmpty();
        assertThat(usage.percent()).isEmpty();
    }

    @Test
    void an_assigned_plan_is_read_by_admins_and_audited_with_the_system_actor() {
        Organization acme = acme(ana);
        Plan pro = Plan.monthly(100_000).enforcement(Enforcement.HARD).seats(25);

        assertThat(kit.plans().assign(acme.id(), pro)).isEqualTo(pro);

        assertThat(kit.plans().get(ana, acme.id())).isEqualTo(pro);
        AuditEvent assigned = trail(acme.id()).get(0);
        assertThat(assigned.action()).isEqualTo(AuditAction.PLAN_ASSIGNED);
        assertThat(assigned.actor()).isEqualTo(Actor.system());
        assertThat(assigned.details()).containsEntry("monthlyCalls", "100000").containsEntry("enforcement", "HARD")
                .containsEntry("seats", "25");
    }

    @Test
    void a_new_plan_replaces_the_old_one_and_the_audit_keeps_both() {
        Organization acme = acme(ana);
        kit.plans().assign(acme.id(), Plan.monthly(1_000));

        kit.plans().assign(acme.id(), Plan.unlimited());

        assertThat(kit.plans().get(ana, acme.id())).isEqualTo(Plan.unlimited());
        assertThat(trail(acme.id()).get(0).details()).containsEntry("monthlyCalls", "unlimited")
                .containsEntry("old.monthlyCalls", "1000");
    }

    @Test
    void the_owner_of_a_personal_account_reads_its_plan_a_member_may_not_and_a_stranger_learns_nothing() {
        PersonalAccount mine = kit.accounts().personal(ana);
        kit.plans().assign(mine.id(), Plan.monthly(500));
        Organization acme = acme(ana);
        UserPrincipal bob = user("bob");
        join(ana, acme.id(), bob, Role.MEMBER);

        assertThat(kit.plans().get(ana, mine.id())).isEqualTo(Plan.monthly(500));
        assertThat(refusal(() -> kit.plans().get(bob, acme.id()))).isEqualTo(DenialCode.ADMIN_ROLE_REQUIRED);
        assertThat(refusal(() -> kit.plans().get(user("eve"), acme.id()))).isEqualTo(DenialCode.NOT_FOUND);
        assertThat(refusal(() -> kit.plans().assign(AccountId.of("org_nobody"), Plan.monthly(1))))
                .isEqualTo(DenialCode.NOT_FOUND);
    }

    @Test
    void the_current_period_counts_flushed_and_unflushed_calls_against_the_plan() {
        Organization acme = acme(ana);
        kit.plans().assign(acme.id(), Plan.monthly(200));
        String secret = key(ana, acme.id(), "ci");
        verify(kit, secret, 30);
        kit.apiKeys().flushUsage();
        verify(kit, secret, 20);

        PeriodUsage usage = kit.usage().currentPeriod(ana, acme.id());

        assertThat(usage.used()).isEqualTo(50);
        assertThat(usage.included()).hasValue(200);
        assertThat(usage.percent()).hasValue(25);
        assertThat(usage.periodStart()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(usage.periodEnd()).isEqualTo(Instant.parse("2026-02-01T00:00:00Z"));
    }

    @Test
    void a_hard_plan_refuses_calls_once_the_month_reaches_its_limit_and_does_not_count_them() {
        Organization acme = acme(ana);
        kit.plans().assign(acme.id(), Plan.monthly(10).enforcement(Enforcement.HARD));
        String secret = key(ana, acme.id(), "ci");
        assertThat(verify(kit, secret, 6)).isEqualTo(6);
        kit.apiKeys().flushUsage();

        assertThat(verify(kit, secret, 4)).isEqualTo(4);
        assertThat(kit.apiKeys().verify(secret).code()).isEqualTo(KeyVerification.Code.USAGE_EXCEEDED);
        kit.apiKeys().flushUsage();
        assertThat(kit.apiKeys().verify(secret).code()).isEqualTo(KeyVerification.Code.USAGE_EXCEEDED);

        assertThat(kit.usage().currentPeriod(ana, acme.id()).used()).isEqualTo(10);
    }

    @Test
    void a_soft_plan_never_refuses_and_counts_the_overage() {
        Organization acme = acme(ana);
        kit.plans().assign(acme.id(), Plan.monthly(10));
        String secret = key(ana, acme.id(), "ci");

        assertThat(verify(kit, secret, 15)).isEqualTo(15);
        kit.apiKeys().flushUsage();

        PeriodUsage usage = kit.usage().currentPeriod(ana, acme.id());
        assertThat(usage.overage()).isEqualTo(5);
        assertThat(usage.percent()).hasValue(150);
    }

    @Test
    void a_hard_limit_starts_again_when_the_month_rolls_over() {
        Organization acme = acme(ana);
        kit.plans().assign(acme.id(), Plan.monthly(3).enforcement(Enforcement.HARD));
        String secret = key(ana, acme.id(), "ci");
        verify(kit, secret, 3);
        assertThat(kit.apiKeys().verify(secret).code()).isEqualTo(KeyVerification.Code.USAGE_EXCEEDED);

        clock.advance(Duration.ofDays(31));
        assertThat(verify(kit, secret, 3)).isEqualTo(3);
        assertThat(kit.apiKeys().verify(secret).code()).isEqualTo(KeyVerification.Code.USAGE_EXCEEDED);
        kit.apiKeys().flushUsage();

        assertThat(kit.usage().currentPeriod(ana, acme.id()).used()).isEqualTo(3);
        assertThat(kit.usage().statement(ana, acme.id(), YearMonth.of(2026, 1)).total()).isEqualTo(3);
    }

    @Test
    void lifting_a_hard_plan_lets_calls_through_at_once() {
        Organization acme = acme(ana);
        kit.plans().assign(acme.id(), Plan.monthly(2).enforcement(Enforcement.HARD));
        String secret = key(ana, acme.id(), "ci");
        verify(kit, secret, 2);
        assertThat(kit.apiKeys().verify(secret).isValid()).isFalse();

        kit.plans().assign(acme.id(), Plan.monthly(2));

        assertThat(kit.apiKeys().verify(secret).isValid()).isTrue();
    }

    @Test
    void a_statement_has_each_keys_calls_the_total_what_was_included_and_the_overage() {
        Organization acme = acme(ana);
        kit.plans().assign(acme.id(), Plan.monthly(100));
        String ci = key(ana, acme.id(), "ci");
        String prod = key(ana, acme.id(), "prod");
        verify(kit, ci, 70);
        verify(kit, prod, 50);
        kit.apiKeys().flushUsage();
        clock.advance(Duration.ofDays(40));
        verify(kit, ci, 5);
        kit.apiKeys().flushUsage();

        UsageStatement january = kit.usage().statement(ana, acme.id(), YearMonth.of(2026, 1));

        assertThat(january.legalName()).isEqualTo("Acme SAS");
        assertThat(january.invoicingEmail()).hasValueSatisfying(e -> assertThat(e.value()).isEqualTo("billing@acme.example"));
        assertThat(january.keys()).extracting(UsageStatement.KeyTotal::keyName, UsageStatement.KeyTotal::calls)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("ci", 70L),
                        org.assertj.core.groups.Tuple.tuple("prod", 50L));
        assertThat(january.total()).isEqualTo(120);
        assertThat(january.included()).hasValue(100);
        assertThat(january.overage()).isEqualTo(20);
        assertThat(january.toCsv()).contains(",total,,,120\r\n");
        assertThat(kit.usage().statement(ana, acme.id(), YearMonth.of(2026, 2)).total()).isEqualTo(5);
        assertThat(kit.usage().statement(ana, acme.id(), YearMonth.of(2025, 12)).keys()).isEqualTo(List.of());
    }

    @Test
    void members_may_not_read_usage_periods_or_statements() {
        Organization acme = acme(ana);
        UserPrincipal bob = user("bob");
        join(ana, acme.id(), bob, Role.MEMBER);

        assertThat(refusal(() -> kit.usage().currentPeriod(bob, acme.id()))).isEqualTo(DenialCode.ADMIN_ROLE_REQUIRED);
        assertThat(refusal(() -> kit.usage().statement(bob, acme.id(), YearMonth.of(2026, 1))))
                .isEqualTo(DenialCode.ADMIN_ROLE_REQUIRED);
        assertThat(refusal(() -> kit.usageAlerts().set(bob, acme.id(), Set.of(50))))
                .isEqualTo(DenialCode.ADMIN_ROLE_REQUIRED);
    }
}
