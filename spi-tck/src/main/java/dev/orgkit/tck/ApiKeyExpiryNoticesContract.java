package dev.orgkit.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orgkit.OrgKit;
import dev.orgkit.UserPrincipal;
import dev.orgkit.account.AccountId;
import dev.orgkit.account.NewOrganization;
import dev.orgkit.account.Organization;
import dev.orgkit.account.PersonalAccount;
import dev.orgkit.apikey.ApiKeyId;
import dev.orgkit.apikey.CreatedApiKey;
import dev.orgkit.apikey.NewApiKey;
import dev.orgkit.audit.Actor;
import dev.orgkit.audit.AuditAction;
import dev.orgkit.audit.AuditEvent;
import dev.orgkit.delivery.DispatchSummary;
import dev.orgkit.mail.KeyExpiryNoticeMail;
import dev.orgkit.plan.Plan;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * API key expiry notices: a dispatch round schedules one {@code KEY_EXPIRY} notice per key that
 * expires within the lead time (7 days by default), through the outbox, once per key however many
 * instances dispatch; revoked, rolled and expired keys, and keys without an expiry, get none.
 *
 * @since 0.2.0
 */
public abstract class ApiKeyExpiryNoticesContract extends ContractFixture {
    private static final Duration LEAD = OrgKit.Builder.DEFAULT_KEY_EXPIRY_NOTICE;
    /** More than a dispatcher's pause between two looks for keys to notify (once a minute). */
    private static final Duration NEXT_LOOK = Duration.ofMinutes(2);
    private final UserPrincipal ana = user("ana");

    private CreatedApiKey keyExpiringIn(AccountId accountId, Duration in) {
        return kit.apiKeys().create(ana, accountId, new NewApiKey("ci").expiringAt(clock.instant().plus(in)));
    }

    private List<KeyExpiryNoticeMail> notices() {
        return mailer.sent(KeyExpiryNoticeMail.class);
    }

    private List<AuditEvent> noticesAudited(AccountId accountId) {
        return trail(accountId).stream().filter(e -> e.action() == AuditAction.KEY_EXPIRY_NOTICE_SENT).toList();
    }

    private OrgKit kitWithLead(Duration lead) {
        return OrgKit.builder().storage(storage).mailer(mailer).clock(clock).keyExpiryNotice(lead).build();
    }

    @Test
    void a_key_gets_one_notice_once_its_expiry_is_within_seven_days_and_never_another() {
        Organization acme = acme(ana);
        CreatedApiKey key = keyExpiringIn(acme.id(), Duration.ofDays(10));
        Instant expiresAt = key.apiKey().expiresAt().orElseThrow();

        assertThat(kit.deliveries().dispatchPending()).isEqualTo(DispatchSummary.none());
        clock.advance(Duration.ofDays(3).minus(NEXT_LOOK));
        assertThat(kit.deliveries().dispatchPending()).as("still more than 7 days ahead").isEqualTo(DispatchSummary.none());
        clock.advance(NEXT_LOOK.multipliedBy(2));

        assertThat(kit.deliveries().dispatchPending().sent()).isEqualTo(1);
        assertThat(notices()).singleElement().satisfies(notice -> {
            assertThat(notice.recipient().value()).isEqualTo("alerts@acme.example");
            assertThat(notice.accountId()).isEqualTo(acme.id());
            assertThat(notice.accountName()).isEqualTo("Acme");
            assertThat(notice.keyId()).isEqualTo(key.apiKey().id());
            assertThat(notice.keyName()).isEqualTo("ci");
            assertThat(notice.keyHint()).isEqualTo(key.apiKey().hint());
            assertThat(notice.expiresAt()).isEqualTo(expiresAt);
        });
        for (int round = 0; round < 3; round++) {
            clock.advance(Duration.ofDays(1));
            assertThat(kit.deliveries().dispatchPending()).isEqualTo(DispatchSummary.none());
        }
        assertThat(notices()).hasSize(1);
        assertThat(noticesAudited(acme.id())).singleElement().satisfies(event -> {
            assertThat(event.actor()).isEqualTo(Actor.system());
            assertThat(event.target()).isEqualTo(key.apiKey().id().value());
            assertThat(event.details()).containsEntry("email", "alerts@acme.example");
        });
    }

    @Test
    void the_notice_names_the_key_by_its_hint_and_never_holds_its_secret() {
        Organization acme = acme(ana);
        CreatedApiKey key = keyExpiringIn(acme.id(), Duration.ofDays(2));

        kit.deliveries().dispatchPending();

        KeyExpiryNoticeMail notice = notices().get(0);
        assertThat(notice.keyHint()).isEqualTo(key.apiKey().hint()).isNotEqualTo(key.secret());
        assertThat(notice.toString()).doesNotContain(key.secret());
        assertThat(trail(acme.id())).allSatisfy(event -> assertThat(event.toString()).doesNotContain(key.secret()));
    }

    @Test
    void keys_without_an_expiry_get_no_notice() {
        Organization acme = acme(ana);
        kit.apiKeys().create(ana, acme.id(), new NewApiKey("forever"));

        for (int round = 0; round < 5; round++) {
            clock.advance(Duration.ofDays(30));
            kit.deliveries().dispatchPending();
        }

        assertThat(notices()).isEmpty();
    }

    @Test
    void a_revoked_key_gets_no_notice() {
        Organization acme = acme(ana);
        CreatedApiKey key = keyExpiringIn(acme.id(), Duration.ofDays(3));
        kit.apiKeys().revoke(ana, key.apiKey().id());

        assertThat(kit.deliveries().dispatchPending()).isEqualTo(DispatchSummary.none());

        assertThat(notices()).isEmpty();
        assertThat(mailer.attempted(KeyExpiryNoticeMail.class)).isEmpty();
    }

    @Test
    void a_key_revoked_after_its_notice_was_scheduled_is_not_sent_and_not_retried() {
        Organization acme = acme(ana);
        CreatedApiKey key = keyExpiringIn(acme.id(), Duration.ofDays(3));
        mailer.failing(true);
        assertThat(kit.deliveries().dispatchPending().failed()).isEqualTo(1);
        mailer.failing(false);
        kit.apiKeys().revoke(ana, key.apiKey().id());
        clock.advance(Duration.ofHours(1));

        assertThat(kit.deliveries().dispatchPending()).isEqualTo(new DispatchSummary(0, 0, 1));
        clock.advance(Duration.ofDays(1));
        assertThat(kit.deliveries().dispatchPending()).isEqualTo(DispatchSummary.none());

        assertThat(notices()).isEmpty();
        assertThat(mailer.attempted(KeyExpiryNoticeMail.class)).as("only the failed first attempt").hasSize(1);
        assertThat(noticesAudited(acme.id())).isEmpty();
    }

    @Test
    void a_rolled_key_gets_no_notice_and_its_successor_gets_its_own() {
        Organization acme = acme(ana);
        CreatedApiKey old = keyExpiringIn(acme.id(), Duration.ofDays(30));
        CreatedApiKey successor = kit.apiKeys().roll(ana, old.apiKey().id(), Duration.ofDays(1));
        assertThat(successor.apiKey().expiresAt()).isEqualTo(old.apiKey().expiresAt());

        assertThat(kit.deliveries().dispatchPending()).as("the old secret ends with the overlap, as asked")
                .isEqualTo(DispatchSummary.none());
        clock.advance(Duration.ofDays(23).plus(NEXT_LOOK));
        kit.deliveries().dispatchPending();
        clock.advance(Duration.ofDays(1));
        kit.deliveries().dispatchPending();

        assertThat(notices()).extracting(KeyExpiryNoticeMail::keyId).containsExactly(successor.apiKey().id());
    }

    @Test
    void a_key_rolled_after_its_notice_was_scheduled_is_not_sent() {
        Organization acme = acme(ana);
        CreatedApiKey key = keyExpiringIn(acme.id(), Duration.ofDays(3));
        mailer.failing(true);
        kit.deliveries().dispatchPending();
        mailer.failing(false);
        CreatedApiKey successor = kit.apiKeys().roll(ana, key.apiKey().id(), Duration.ofHours(1));
        clock.advance(Duration.ofMinutes(30));

        kit.deliveries().dispatchPending();

        assertThat(notices()).extracting(KeyExpiryNoticeMail::keyId).containsExactly(successor.apiKey().id());
    }

    @Test
    void a_key_that_expired_before_any_round_looked_gets_no_late_notice() {
        Organization acme = acme(ana);
        keyExpiringIn(acme.id(), Duration.ofHours(1));
        clock.advance(Duration.ofHours(2));

        assertThat(kit.deliveries().dispatchPending()).isEqualTo(DispatchSummary.none());

        assertThat(notices()).isEmpty();
    }

    @Test
    void a_notice_still_failing_when_its_key_expires_is_not_sent_afterwards() {
        Organization acme = acme(ana);
        keyExpiringIn(acme.id(), Duration.ofHours(2));
        mailer.failing(true);
        kit.deliveries().dispatchPending();
        mailer.failing(false);
        clock.advance(Duration.ofHours(3));

        assertThat(kit.deliveries().dispatchPending().givenUp()).isEqualTo(1);

        assertThat(notices()).isEmpty();
    }

    @Test
    void a_personal_accounts_notice_goes_where_its_usage_alerts_go() {
        PersonalAccount mine = kit.accounts().personal(ana);
        kit.plans().assign(mine.id(), Plan.monthly(100));
        kit.usageAlerts().set(ana, mine.id(), Set.of(80));
        keyExpiringIn(mine.id(), Duration.ofDays(5));

        kit.deliveries().dispatchPending();

        assertThat(notices()).singleElement().satisfies(notice -> {
            assertThat(notice.recipient()).isEqualTo(ana.verifiedEmail());
            assertThat(notice.accountName()).isEqualTo("Personal account");
        });
    }

    @Test
    void every_key_gets_its_own_notice_across_accounts() {
        Organization acme = acme(ana);
        Organization globex = kit.organizations().create(ana,
                new NewOrganization("Globex", "Globex SA", "alerts@globex.example", "billing@globex.example"));
        List<ApiKeyId> keys = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            keys.add(keyExpiringIn(acme.id(), Duration.ofDays(i)).apiKey().id());
            keys.add(keyExpiringIn(globex.id(), Duration.ofDays(i)).apiKey().id());
        }

        assertThat(kit.deliveries().dispatchPending().sent()).isEqualTo(6);

        assertThat(notices()).extracting(KeyExpiryNoticeMail::keyId).containsExactlyInAnyOrderElementsOf(keys);
        assertThat(notices()).filteredOn(n -> n.accountId().equals(globex.id()))
                .allSatisfy(n -> assertThat(n.recipient().value()).isEqualTo("alerts@globex.example"));
    }

    @Test
    void one_round_notifies_every_live_key_however_many_revoked_and_rolled_keys_expire_first() {
        Organization acme = acme(ana);
        List<ApiKeyId> expected = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            CreatedApiKey rolled = keyExpiringIn(acme.id(), Duration.ofDays(3));
            expected.add(kit.apiKeys().roll(ana, rolled.apiKey().id(), Duration.ofHours(12)).apiKey().id());
        }
        for (int i = 0; i < 50; i++) {
            kit.apiKeys().revoke(ana, keyExpiringIn(acme.id(), Duration.ofDays(1)).apiKey().id());
        }
        for (int i = 0; i < 5; i++) {
            expected.add(keyExpiringIn(acme.id(), Duration.ofDays(2)).apiKey().id());
        }

        assertThat(kit.deliveries().dispatchPending().sent()).isEqualTo(55);

        assertThat(notices()).extracting(KeyExpiryNoticeMail::keyId).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void instances_dispatching_at_once_on_one_storage_send_each_key_one_notice() throws Exception {
        Organization acme = acme(ana);
        List<ApiKeyId> keys = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            keys.add(keyExpiringIn(acme.id(), Duration.ofDays(i)).apiKey().id());
        }
        int instances = 3;
        List<OrgKit> kits = new ArrayList<>();
        for (int i = 0; i < instances; i++) {
            kits.add(kitWithLead(LEAD));
        }
        ExecutorService threads = Executors.newFixedThreadPool(instances);
        try {
            var barrier = new CyclicBarrier(instances);
            List<Future<DispatchSummary>> rounds = new ArrayList<>();
            for (OrgKit instance : kits) {
                rounds.add(threads.submit(() -> {
                    barrier.await(30, TimeUnit.SECONDS);
                    return instance.deliveries().dispatchPending();
                }));
            }
            int sent = 0;
            for (Future<DispatchSummary> round : rounds) {
                sent += round.get(60, TimeUnit.SECONDS).sent();
            }

            assertThat(sent).isEqualTo(5);
        } finally {
            threads.shutdownNow();
            kits.forEach(OrgKit::close);
        }
        assertThat(kit.deliveries().dispatchPending()).isEqualTo(DispatchSummary.none());
        assertThat(notices()).extracting(KeyExpiryNoticeMail::keyId).containsExactlyInAnyOrderElementsOf(keys);
        assertThat(noticesAudited(acme.id())).hasSize(5);
    }

    @Test
    void the_lead_time_is_the_hosts_and_zero_sends_no_notices() {
        Organization acme = acme(ana);
        CreatedApiKey inTwentyDays = keyExpiringIn(acme.id(), Duration.ofDays(20));
        assertThat(kit.deliveries().dispatchPending()).as("7 days by default").isEqualTo(DispatchSummary.none());
        try (OrgKit early = kitWithLead(Duration.ofDays(30))) {
            assertThat(early.deliveries().dispatchPending().sent()).isEqualTo(1);
        }
        keyExpiringIn(acme.id(), Duration.ofDays(1));
        try (OrgKit silent = kitWithLead(Duration.ZERO)) {
            clock.advance(NEXT_LOOK);
            assertThat(silent.deliveries().dispatchPending()).isEqualTo(DispatchSummary.none());
        }

        assertThat(notices()).extracting(KeyExpiryNoticeMail::keyId).containsExactly(inTwentyDays.apiKey().id());
    }

    @Test
    void a_lead_time_below_zero_or_above_ninety_days_is_refused() {
        assertThat(invalid(() -> OrgKit.builder().keyExpiryNotice(Duration.ofDays(-1))).violations())
                .extracting(v -> v.field()).containsExactly("keyExpiryNotice");
        assertThat(invalid(() -> OrgKit.builder().keyExpiryNotice(Duration.ofDays(91))).violations())
                .extracting(v -> v.field()).containsExactly("keyExpiryNotice");
        assertThat(OrgKit.builder().keyExpiryNotice(OrgKit.Builder.MAX_KEY_EXPIRY_NOTICE)).isNotNull();
    }
}
