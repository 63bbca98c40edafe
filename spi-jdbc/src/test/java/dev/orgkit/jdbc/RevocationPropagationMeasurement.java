package dev.orgkit.jdbc;

import dev.orgkit.OrgKit;
import dev.orgkit.Principal;
import dev.orgkit.UserPrincipal;
import dev.orgkit.account.NewOrganization;
import dev.orgkit.account.Organization;
import dev.orgkit.apikey.CreatedApiKey;
import dev.orgkit.apikey.KeyVerification.Code;
import dev.orgkit.apikey.NewApiKey;
import dev.orgkit.tck.RecordingMailer;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Measures, by hand, how long a revocation through one instance takes to reach another instance's
 * verification cache: two kits, each on its own pool of one database, the second with the cache; the
 * first revokes, the second verifies in a tight loop until it answers {@code REVOKED}. 200
 * revocations per database; prints p50, p99 and the maximum. It asserts nothing: timings are not
 * tests.
 *
 * <pre>{@code
 * ORGKIT_POSTGRES_URL=jdbc:postgresql://127.0.0.1:5432/test?user=postgres \
 * ORGKIT_MARIADB_URL=jdbc:mariadb://127.0.0.1:3306/test?user=root \
 *   mvn -B -ntp verify -pl spi-jdbc -am -Dorgkit.excludedGroups= -Dgroups=measurement \
 *   -Dtest=RevocationPropagationMeasurement -Dsurefire.failIfNoSpecifiedTests=false
 * }</pre>
 */
@Tag("measurement")
class RevocationPropagationMeasurement {
    private static final int REVOCATIONS = 200;
    private static final UserPrincipal ANA = Principal.user("u-ana", "ana@example.com");

    @Test
    void a_revocation_reaches_another_instances_cache() throws Exception {
        TestDatabase.onEveryConfiguredDatabase(RevocationPropagationMeasurement::measure);
    }

    private static void measure(TestDatabase database) throws Exception {
        JdbcStorage.migrate(database.pool(2));
        OrgKit revoking = kit(JdbcStorage.create(database.recommendedPool(2)));
        try (JdbcStorage caching = JdbcStorage.create(database.recommendedPool(2))
                .withApiKeyCache(10_000, Duration.ofMinutes(5))) {
            OrgKit verifying = kit(caching);
            Organization org = revoking.organizations().create(ANA,
                    new NewOrganization("Acme", "Acme SAS", "alerts@acme.example", "billing@acme.example"));
            long[] micros = new long[REVOCATIONS];
            for (int i = 0; i < REVOCATIONS; i++) {
                CreatedApiKey key = revoking.apiKeys().create(ANA, org.id(), new NewApiKey("k" + i));
                verifying.apiKeys().verify(key.secret());
                long start = System.nanoTime();
                revoking.apiKeys().revoke(ANA, key.apiKey().id());
                while (verifying.apiKeys().verify(key.secret()).code() != Code.REVOKED) {
                    Thread.onSpinWait();
                }
                micros[i] = (System.nanoTime() - start) / 1_000;
            }
            Arrays.sort(micros);
            System.out.printf("[revocation propagation] %s: %d revocations, p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                    caching.dialect(), REVOCATIONS, micros[REVOCATIONS / 2] / 1000.0,
                    micros[REVOCATIONS * 99 / 100] / 1000.0, micros[REVOCATIONS - 1] / 1000.0);
        }
    }

    private static OrgKit kit(JdbcStorage storage) {
        return OrgKit.builder().storage(storage).mailer(new RecordingMailer()).build();
    }
}
