package dev.orgkit.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orgkit.OrgKit;
import dev.orgkit.StorageException;
import dev.orgkit.UserPrincipal;
import dev.orgkit.account.Organization;
import dev.orgkit.apikey.NewApiKey;
import dev.orgkit.mail.UsageAlertMail;
import dev.orgkit.plan.Enforcement;
import dev.orgkit.plan.Plan;
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
 * Several kits (instances of an application) on one storage: alerts decided exactly once however
 * the instances' flushes race, and the HARD limit's overshoot within its documented bound.
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
}
