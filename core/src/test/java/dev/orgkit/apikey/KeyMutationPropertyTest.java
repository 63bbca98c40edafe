package dev.orgkit.apikey;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orgkit.OrgKit;
import dev.orgkit.UserId;
import dev.orgkit.account.AccountId;
import dev.orgkit.internal.ApiKeyFormat;
import dev.orgkit.internal.Secrets;
import dev.orgkit.spi.ApiKeyRecord;
import dev.orgkit.spi.ReadTransaction;
import dev.orgkit.spi.SecretHash;
import dev.orgkit.spi.Storage;
import dev.orgkit.spi.WriteTransaction;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Property: a key with any single character changed, removed or added never verifies. It protects
 * clients from a typo that would act as someone else's key, and keeps junk away from storage.
 */
class KeyMutationPropertyTest {
    private static final int KEYS = 200;
    private static final String CANDIDATES =
            "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_-+/=. é\u0000";

    @Test
    void every_single_character_change_of_a_valid_key_is_malformed_or_not_found_never_valid() {
        long seed = Long.getLong("orgkit.seed", System.nanoTime());
        var random = new SplittableRandom(seed);
        var storage = new LookupOnlyStorage();
        var format = new ApiKeyFormat("ok");
        var secrets = new Secrets(new SplittableRandom(random.nextLong()));
        OrgKit kit = OrgKit.builder().storage(storage).mailer(mail -> { }).random(random.split()).build();

        long mutants = 0;
        for (int k = 0; k < KEYS; k++) {
            Environment environment = random.nextBoolean() ? Environment.LIVE : Environment.TEST;
            String key = format.mint(environment, secrets);
            storage.add(key, environment);
            assertThat(kit.apiKeys().verify(key).code()).as("seed %d: the key itself verifies", seed)
                    .isEqualTo(KeyVerification.Code.VALID);
            for (String mutant : mutants(key, random)) {
                KeyVerification.Code code = kit.apiKeys().verify(mutant).code();
                assertThat(code).as("seed %d (replay with -Dorgkit.seed=%d): key %s changed to %s", seed, seed, key, mutant)
                        .isIn(KeyVerification.Code.MALFORMED, KeyVerification.Code.NOT_FOUND);
                mutants++;
            }
        }
        assertThat(mutants).isGreaterThan(KEYS * 1000L);
    }

    /** Every substitution by every candidate character, every deletion, and a random insertion at every position. */
    private static List<String> mutants(String key, SplittableRandom random) {
        List<String> mutants = new ArrayList<>();
        for (int i = 0; i < key.length(); i++) {
            for (int c = 0; c < CANDIDATES.length(); c++) {
                char replacement = CANDIDATES.charAt(c);
                if (replacement != key.charAt(i)) {
                    mutants.add(key.substring(0, i) + replacement + key.substring(i + 1));
                }
            }
            mutants.add(key.substring(0, i) + key.substring(i + 1));
            mutants.add(key.substring(0, i) + CANDIDATES.charAt(random.nextInt(CANDIDATES.length())) + key.substring(i));
        }
        mutants.add(key + CANDIDATES.charAt(random.nextInt(CANDIDATES.length())));
        return mutants;
    }

    /** A storage that knows only the keys added to it and answers only the verification lookup. */
    private static final class LookupOnlyStorage implements Storage {
        private final Map<SecretHash, ApiKeyRecord> byHash = new HashMap<>();

        void add(String secret, Environment environment) {
            SecretHash hash = Secrets.sha256(secret);
            var key = new ApiKey(ApiKeyId.of("key_" + byHash.size()), AccountId.of("org_" + byHash.size()), "k",
                    environment, "hint", UserId.of("u-test"), Instant.EPOCH, Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.empty());
            byHash.put(hash, new ApiKeyRecord(key, hash));
        }

        @Override
        public Optional<ApiKeyRecord> apiKeyByHash(SecretHash hash) {
            return Optional.ofNullable(byHash.get(hash));
        }

        @Override
        public <T> T read(Function<? super ReadTransaction, ? extends T> work) {
            throw new UnsupportedOperationException("this test storage answers key lookups only");
        }

        @Override
        public <T> T write(Function<? super WriteTransaction, ? extends T> work) {
            throw new UnsupportedOperationException("this test storage answers key lookups only");
        }
    }
}
