package dev.orgkit.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orgkit.OrgKit;
import dev.orgkit.StorageException;
import dev.orgkit.UserPrincipal;
import dev.orgkit.account.AccountId;
import dev.orgkit.account.Organization;
import dev.orgkit.apikey.ApiKey;
import dev.orgkit.apikey.KeyUsage;
import dev.orgkit.apikey.NewApiKey;
import dev.orgkit.mail.UsageAlertMail;
import dev.orgkit.plan.Enforcement;
import dev.orgkit.plan.Plan;
import dev.orgkit.spi.ApiKeyRecord;
import dev.orgkit.spi.ReadTransaction;
import dev.orgkit.spi.SecretHash;
import dev.orgkit.spi.Storage;
import dev.orgkit.spi.UsageBatch;
import dev.orgkit.spi.UsageIncrement;
import dev.orgkit.spi.WriteTransaction;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Several kits (instances of an application) on one storage: alerts decided exactly once however
 * the instances' flushes race, the HARD limit's overshoot within its documented bound, and usage
 * batches applied at most once, so that a flush retried after a commit whose acknowledgement was
 * lost counts nothing twice.
 *
 * @since 0.2.0
 */
public abstract class UsageAcrossInstancesContract extends ContractFixture {
    private static final int INSTANCES = 4;
    private final UserPrincipal ana = user("ana");

    /** How many rounds the race runs; a storage with slow transactions may return less. */
    protected int rounds() {
        return 10;
    }

    private List<OrgKit> instances(int count) {
        List<OrgKit> kits = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            kits.add(OrgKit.builder().storage(storage).mailer(mailer).clock(clock).build());
        }
        return kits;
    }

    @Test
    void a_threshold_crossed_by_racing_instances_is_alerted_exactly_once() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(INSTANCES);
        try {
            for (int round = 0; round < rounds(); round++) {
                Organization org = kit.organizations().create(ana, new dev.orgkit.account.NewOrganization(
                        "Race" + round, "Race SAS", "alerts@race.example", "billing@race.example"));
                kit.plans().assign(org.id(), Plan.monthly(INSTANCES * 10));
                kit.usageAlerts().set(ana, org.id(), Set.of(50, 100));
                String secret = kit.apiKeys().create(ana, org.id(), new NewApiKey("ci")).secret();
                List<OrgKit> kits = instances(INSTANCES);
                var barrier = new CyclicBarrier(INSTANCES);
                List<Future<?>> done = new ArrayList<>();
                for (OrgKit instance : kits) {
                    done.add(threads.submit(() -> {
                        for (int i = 0; i < 10; i++) {
                            instance.apiKeys().verify(secret);
                        }
                        barrier.await(30, TimeUnit.SECONDS);
                        flushAsTheBackgroundFlusherDoes(instance);
                        instance.deliveries().dispatchPending();
                        return null;
                    }));
                }
                for (Future<?> future : done) {
                    future.get(60, TimeUnit.SECONDS);
                }
                kit.deliveries().dispatchPending();

                assertThat(mailer.sent(UsageAlertMail.class).stream().filter(m -> m.accountId().equals(org.id()))
                        .map(UsageAlertMail::thresholdPercent).sorted().toList())
                        .as("alerts of round %d", round).containsExactly(50, 100);
                assertThat(kit.usage().currentPeriod(ana, org.id()).used()).isEqualTo(INSTANCES * 10);
            }
        } finally {
            threads.shutdownNow();
        }
    }

    /**
     * Flushes, and like the background flusher tries again after a failed flush, whose counts stay
     * buffered (a storage may refuse one of two racing first writes of a (key, day) row: H2 does).
     */
    private static void flushAsTheBackgroundFlusherDoes(OrgKit instance) {
        for (int attempt = 1; ; attempt++) {
            try {
                instance.apiKeys().flushUsage();
                return;
            } catch (StorageException e) {
                if (attempt == 5) {
                    throw e;
                }
            }
        }
    }

    /**
     * The documented bound: once every instance has flushed since the plan was assigned, the calls
     * admitted beyond a HARD limit are at most what the other instances verify between two flushes.
     * Each round here, every instance verifies {@code perInterval} calls, then all flush.
     */
    @Test
    void a_hard_limit_shared_by_two_instances_is_overshot_by_at_most_one_flush_interval_of_the_other() {
        Organization acme = acme(ana);
        String secret = kit.apiKeys().create(ana, acme.id(), new NewApiKey("ci")).secret();
        List<OrgKit> kits = instances(2);
        kits.get(0).plans().assign(acme.id(), Plan.monthly(100).enforcement(Enforcement.HARD));
        int perInterval = 30;
        long admitted = 0;
        for (int round = 0; round < 6; round++) {
            for (OrgKit instance : kits) {
                for (int i = 0; i < perInterval; i++) {
                    if (instance.apiKeys().verify(secret).isValid()) {
                        admitted++;
                    }
                }
            }
            kits.forEach(instance -> instance.apiKeys().flushUsage());
        }

        long overshoot = admitted - 100;
        assertThat(overshoot).as("calls admitted beyond the limit").isBetween(0L, (long) perInterval);
        assertThat(kit.usage().currentPeriod(ana, acme.id()).used()).isEqualTo(admitted);
        for (OrgKit instance : kits) {
            assertThat(instance.apiKeys().verify(secret).isValid()).isFalse();
        }
    }

    // ---- usage batches: applied at most once ----

    @Test
    void a_usage_batch_applied_twice_counts_once() {
        Organization acme = acme(ana);
        ApiKey key = kit.apiKeys().create(ana, acme.id(), new NewApiKey("ci")).apiKey();
        UsageBatch batch = batch("usage_tck_1", key, 5, START.plusSeconds(10));

        assertThat(apply(batch, START)).as("first application").isTrue();
        assertThat(apply(batch, START.plusSeconds(1))).as("second application").isFalse();
        apply(batch("usage_tck_2", key, 3, START.plusSeconds(20)), START);

        assertThat(usage(acme.id())).containsExactly(new KeyUsage(key.id(), DAY, 8));
        assertThat(storage.<Optional<ApiKey>>read(tx -> tx.apiKeys().find(key.id())).orElseThrow().lastUsedAt())
                .contains(START.plusSeconds(20));
    }

    @Test
    void a_usage_batch_rolled_back_with_its_transaction_is_not_remembered_as_applied() {
        Organization acme = acme(ana);
        ApiKey key = kit.apiKeys().create(ana, acme.id(), new NewApiKey("ci")).apiKey();
        UsageBatch batch = batch("usage_tck_1", key, 5, START);

        assertThatThrownBy(() -> storage.<Boolean>write(tx -> {
            tx.usage().add(batch, START);
            throw new IllegalStateException("the flush failed after adding its batch");
        })).isInstanceOf(RuntimeException.class);

        assertThat(apply(batch, START)).isTrue();
        assertThat(usage(acme.id())).containsExactly(new KeyUsage(key.id(), DAY, 5));
    }

    @Test
    void a_usage_batch_is_remembered_until_its_id_is_forgotten() {
        Organization acme = acme(ana);
        ApiKey key = kit.apiKeys().create(ana, acme.id(), new NewApiKey("ci")).apiKey();
        UsageBatch batch = batch("usage_tck_1", key, 5, START);
        apply(batch, START);

        assertThat(forget(START)).isZero();
        assertThat(apply(batch, START.plusSeconds(1))).as("still remembered").isFalse();
        assertThat(forget(START.plusMillis(1))).isEqualTo(1);
        assertThat(apply(batch, START.plusSeconds(2))).as("forgotten").isTrue();
        assertThat(usage(acme.id())).containsExactly(new KeyUsage(key.id(), DAY, 10));
    }

    /**
     * The defect the reliability harness found: a flush whose transaction committed but whose
     * acknowledgement was lost failed, kept its counts, and the next flush added them again.
     */
    @Test
    void a_flush_that_committed_but_was_reported_failed_counts_its_verifications_once() {
        Organization acme = acme(ana);
        String secret = kit.apiKeys().create(ana, acme.id(), new NewApiKey("ci")).secret();
        var losing = new LosingAcknowledgements(storage);
        try (OrgKit instance = OrgKit.builder().storage(losing).mailer(mailer).clock(clock).build()) {
            for (int i = 0; i < 10; i++) {
                assertThat(instance.apiKeys().verify(secret).isValid()).isTrue();
            }

            losing.armed = true;
            assertThatThrownBy(() -> instance.apiKeys().flushUsage()).isInstanceOf(StorageException.class);
            instance.apiKeys().verify(secret);
            instance.apiKeys().flushUsage();
        }

        assertThat(kit.usage().currentPeriod(ana, acme.id()).used()).isEqualTo(11);
    }

    private static final LocalDate DAY = LocalDate.ofInstant(START, ZoneOffset.UTC);

    private boolean apply(UsageBatch batch, Instant appliedAt) {
        return storage.<Boolean>write(tx -> tx.usage().add(batch, appliedAt));
    }

    private int forget(Instant appliedBefore) {
        return storage.<Integer>write(tx -> tx.usage().forgetBatchesAppliedBefore(appliedBefore));
    }

    private List<KeyUsage> usage(AccountId accountId) {
        return storage.<List<KeyUsage>>read(tx -> tx.usage().keyUsage(accountId, DAY, DAY));
    }

    private static UsageBatch batch(String id, ApiKey key, long requests, Instant lastUsedAt) {
        return new UsageBatch(id, List.of(new UsageIncrement(key.accountId(), key.id(), DAY, requests, lastUsedAt)));
    }

    /** A storage whose next write, once armed, commits and then fails as if its acknowledgement was lost. */
    private static final class LosingAcknowledgements implements Storage {
        private final Storage storage;
        volatile boolean armed;

        LosingAcknowledgements(Storage storage) {
            this.storage = storage;
        }

        @Override
        public <T> T read(Function<? super ReadTransaction, ? extends T> work) {
            return storage.read(work);
        }

        @Override
        public <T> T write(Function<? super WriteTransaction, ? extends T> work) {
            T result = storage.write(work);
            if (armed) {
                armed = false;
                throw new StorageException("the connection died during COMMIT (simulated): the outcome is unknown");
            }
            return result;
        }

        @Override
        public Optional<ApiKeyRecord> apiKeyByHash(SecretHash hash) {
            return storage.apiKeyByHash(hash);
        }
    }
}
