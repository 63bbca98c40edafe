package dev.orgkit.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orgkit.OrgKit;
import dev.orgkit.UserPrincipal;
import dev.orgkit.account.Organization;
import dev.orgkit.account.PersonalAccount;
import dev.orgkit.apikey.NewApiKey;
import dev.orgkit.audit.Actor;
import dev.orgkit.audit.AuditAction;
import dev.orgkit.audit.AuditEvent;
import dev.orgkit.delivery.DispatchSummary;
import dev.orgkit.mail.UsageAlertMail;
import dev.orgkit.mail.UsageStatementMail;
import dev.orgkit.plan.Plan;
import java.time.Duration;
import java.time.YearMonth;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Usage alerts and monthly statements: decided at flush time, exactly once per threshold (or month),
 * sent through the outbox, retried, audited.
 *
 * @since 0.2.0
 */
public abstract class UsageAlertsContract extends ContractFixture {
    private final UserPrincipal ana = user("ana");

    private String key(Organization org) {
        return kit.apiKeys().create(ana, org.id(), new NewApiKey("ci")).secret();
    }

    private static void verify(OrgKit on, String secret, int times) {
        for (int i = 0; i < times; i++) {
            on.apiKeys().verify(secret);
        }
    }

    private List<AuditEvent> alertsAudited(dev.orgkit.account.AccountId accountId) {
        return trail(accountId).stream().filter(e -> e.action() == AuditAction.USAGE_ALERT_SENT).toList();
    }

    @Test
    void admins_set_thresholds_and_read_them_back_in_order() {
        Organization acme = acme(ana);

        assertThat(kit.usageAlerts().set(ana, acme.id(), Set.of(100, 50, 80))).containsExactly(50, 80, 100);

        assertThat(kit.usageAlerts().get(ana, acme.id())).containsExactly(50, 80, 100);
        assertThat(trail(acme.id()).get(0).action()).isEqualTo(AuditAction.USAGE_ALERTS_SET);
        assertThat(trail(acme.id()).get(0).details()).containsEntry("thresholds", "50,80,100");
        assertThat(kit.usageAlerts().set(ana, acme.id(), Set.of())).isEmpty();
        assertThat(kit.usageAlerts().get(ana, acme.id())).isEmpty();
    }

    @Test
    void reaching_a_threshold_sends_one_alert_to_the_alerting_email_and_audits_it() {
        Organization acme = acme(ana);
        kit.plans().assign(acme.id(), Plan.monthly(10));
        kit.usageAlerts().set(ana, acme.id(), Set.of(50, 80));
        String secret = key(acme);

        verify(kit, secret, 4);
        kit.apiKeys().flushUsage();
        assertThat(kit.deliveries().dispatchPending()).isEqualTo(DispatchSummary.none());

        verify(kit, secret, 1);
        kit.apiKeys().flushUsage();
        assertThat(kit.deliveries().dispatchPending().sent()).isEqualTo(1);
        verify(kit, secret, 2);
        kit.apiKeys().flushUsage();
        assertThat(kit.deliveries().dispatchPending().sent()).isZero();

        List<UsageAlertMail> alerts = mailer.sent(UsageAlertMail.class);
        assertThat(alerts).singleElement().satisfies(alert -> {
            assertThat(alert.recipient().value()).isEqualTo("alerts@acme.example");
            assertThat(alert.accountId()).isEqualTo(acme.id());
            assertThat(alert.accountName()).isEqualTo("Acme");
            assertThat(alert.thresholdPercent()).isEqualTo(50);
            assertThat(alert.period()).isEqualTo(YearMonth.of(2026, 1));
            assertThat(alert.used()).isEqualTo(5);
            assertThat(alert.included()).isEqualTo(10);
        });
        assertThat(alertsAudited(acme.id())).singleElement().satisfies(event -> {
            assertThat(event.actor()).isEqualTo(Actor.system());
            assertThat(event.details()).containsEntry("email", "alerts@acme.example").containsEntry("subject", "2026-01/50");
        });
    }

    @Test
    void a_jump_past_several_thresholds_sends_one_alert_for_each() {
        Organization acme = acme(ana);
        kit.plans().assign(acme.id(), Plan.monthly(10));
        kit.usageAlerts().set(ana, acme.id(), Set.of(50, 80, 100, 200));
        verify(kit, key(acme), 12);
        kit.apiKeys().flushUsage();

        kit.deliveries().dispatchPending();
        kit.apiKeys().flushUsage();
        kit.deliveries().dispatchPending();

        assertThat(mailer.sent(UsageAlertMail.class)).extracting(UsageAlertMail::thresholdPercent)
                .containsExactlyInAnyOrder(50, 80, 100);
    }

    @Test
    void a_personal_accounts_alert_goes_to_the_owner_who_set_it() {
        PersonalAccount mine = kit.accounts().personal(ana);
        kit.plans().assign(mine.id(), Plan.monthly(4));
        kit.usageAlerts().set(ana, mine.id(), Set.of(100));
        verify(kit, kit.apiKeys().create(ana, mine.id(), new NewApiKey("cli")).secret(), 4);
        kit.apiKeys().flushUsage();

        kit.deliveries().dispatchPending();

        assertThat(mailer.sent(UsageAlertMail.class)).singleElement().satisfies(alert -> {
            assertThat(alert.recipient()).isEqualTo(ana.verifiedEmail());
            assertThat(alert.accountName()).isEqualTo("Personal account");
        });
    }

    @Test
    void a_failed_alert_mail_is_retried_after_the_backoff_and_sent_once() {
        Organization acme = acme(ana);
        kit.plans().assign(acme.id(), Plan.monthly(2));
        kit.usageAlerts().set(ana, acme.id(), Set.of(100));
        verify(kit, key(acme), 2);
        kit.apiKeys().flushUsage();
        mailer.failing(true);

        assertThat(kit.deliveries().dispatchPending().failed()).isEqualTo(1);
        assertThat(kit.deliveries().dispatchPending()).as("not due before the backoff").isEqualTo(DispatchSummary.none());
        assertThat(alertsAudited(acme.id())).isEmpty();
        mailer.failing(false);
        clock.advance(Duration.ofMinutes(1));

        assertThat(kit.deliveries().dispatchPending().sent()).isEqualTo(1);
        assertThat(kit.deliveries().dispatchPending()).isEqualTo(DispatchSummary.none());
        assertThat(mailer.attempted(UsageAlertMail.class)).hasSize(2);
        assertThat(mailer.attempted(UsageAlertMail.class)).extracting(UsageAlertMail::messageId).doesNotHaveDuplicates();
        assertThat(mailer.sent(UsageAlertMail.class)).hasSize(1);
        assertThat(alertsAudited(acme.id())).hasSize(1);
    }

    @Test
    void a_new_month_alerts_again_at_the_same_threshold() {
        Organization acme = acme(ana);
        kit.plans().assign(acme.id(), Plan.monthly(2));
        kit.usageAlerts().set(ana, acme.id(), Set.of(50));
        String secret = key(acme);
        verify(kit, secret, 1);
        kit.apiKeys().flushUsage();
        kit.deliveries().dispatchPending();

        clock.advance(Duration.ofDays(31));
        verify(kit, secret, 1);
        kit.apiKeys().flushUsage();
        kit.deliveries().dispatchPending();

        assertThat(mailer.sent(UsageAlertMail.class)).extracting(UsageAlertMail::period)
                .containsExactly(YearMonth.of(2026, 1), YearMonth.of(2026, 2));
    }

    @Test
    void an_account_without_a_limit_gets_no_alerts() {
        Organization acme = acme(ana);
        kit.usageAlerts().set(ana, acme.id(), Set.of(1));
        verify(kit, key(acme), 50);
        kit.apiKeys().flushUsage();

        assertThat(kit.deliveries().dispatchPending()).isEqualTo(DispatchSummary.none());
        assertThat(mailer.sent(UsageAlertMail.class)).isEmpty();
    }

    @Test
    void monthly_statements_go_to_the_invoicing_email_once_per_closed_month_when_enabled() {
        Organization acme = acme(ana);
        kit.plans().assign(acme.id(), Plan.monthly(100));
        verify(kit, key(acme), 7);
        kit.apiKeys().flushUsage();
        OrgKit billing = OrgKit.builder().storage(storage).mailer(mailer).clock(clock).monthlyStatements(true).build();

        assertThat(billing.deliveries().dispatchPending()).as("January is not closed yet").isEqualTo(DispatchSummary.none());
        clock.advance(Duration.ofDays(27));
        billing.deliveries().dispatchPending();
        OrgKit restarted = OrgKit.builder().storage(storage).mailer(mailer).clock(clock).monthlyStatements(true).build();
        restarted.deliveries().dispatchPending();
        kit.deliveries().dispatchPending();

        assertThat(mailer.sent(UsageStatementMail.class)).singleElement().satisfies(mail -> {
            assertThat(mail.recipient().value()).isEqualTo("billing@acme.example");
            assertThat(mail.statement().period()).isEqualTo(YearMonth.of(2026, 1));
            assertThat(mail.statement().total()).isEqualTo(7);
        });
        assertThat(trail(acme.id())).extracting(AuditEvent::action).containsOnlyOnce(AuditAction.USAGE_STATEMENT_SENT);
    }
}
