package dev.orgkit.apikey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orgkit.OrgKit;
import dev.orgkit.StorageException;
import dev.orgkit.UserId;
import dev.orgkit.account.AccountId;
import dev.orgkit.spi.ApiKeyRecord;
import dev.orgkit.spi.PlanStore;
import dev.orgkit.spi.ReadTransaction;
import dev.orgkit.spi.SecretHash;
import dev.orgkit.spi.Storage;
import dev.orgkit.spi.UsageIncrement;
import dev.orgkit.spi.UsageStore;
import dev.orgkit.spi.WriteTransaction;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The usage buffer's promise: a flush that fails loses nothing (the counts wait for the next one),
 * and the log line it leaves names no key.
 */
class UsageFlushTest {
    private static final String SECRET = "ok_live_AbCdEfGhIjKlMnOpQrStUvWxYz01232piBxe";
    private static final Instant NOW = Instant.parse("2026-01-05T09:00:00Z");

    @Test
    void a_failed_flush_keeps_every_count_for_the_next_one_and_logs_no_key() throws Exception {
        var storage = new FlakyStorage();
        OrgKit kit = OrgKit.builder().storage(storage).mailer(mail -> { })
                .clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();
        for (int i = 0; i < 3; i++) {
            assertThat(kit.apiKeys().verify(SECRET).isValid()).isTrue();
        }

        storage.failing = true;
        assertThatThrownBy(() -> kit.apiKeys().flushUsage()).isInstanceOf(StorageException.class);
        String log = capturingStandardError(kit::close);
        assertThat(log).contains("flushing API key usage failed").contains("3 verifications stay buffered")
                .doesNotContain(SECRET).doesNotContain(SECRET.substring(8, 30));

        storage.failing = false;
        kit.apiKeys().verify(SECRET);
        assertThat(kit.apiKeys().flushUsage()).isEqualTo(4);
        assertThat(storage.written).singleElement().satisfies(increment -> {
            assertThat(increment.requests()).isEqualTo(4);
            assertThat(increment.day()).isEqualTo(LocalDate.of(2026, 1, 5));
            assertThat(increment.lastUsedAt()).isEqualTo(NOW);
        });
        assertThat(kit.apiKeys().flushUsage()).isZero();
    }

    private static String capturingStandardError(Runnable action) {
        PrintStream original = System.err;
        var captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setErr(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }

    /** Plans as a storage answers when no account has one: the flush then writes usage only. */
    private static final PlanStore NO_PLANS = (PlanStore) Proxy.newProxyInstance(PlanStore.class.getClassLoader(),
            new Class<?>[] {PlanStore.class}, (proxy, method, args) -> {
                if (method.getName().equals("find")) {
                    return Optional.empty();
                }
                throw new UnsupportedOperationException(method.getName());
            });

    /** Knows one key; its writes record usage batches, or fail while {@link #failing}. */
    private static final class FlakyStorage implements Storage {
        final Map<SecretHash, ApiKeyRecord> keys = new HashMap<>();
        final List<UsageIncrement> written = new ArrayList<>();
        volatile boolean failing;

        FlakyStorage() throws Exception {
            SecretHash hash = SecretHash.ofDigest(MessageDigest.getInstance("SHA-256")
                    .digest(SECRET.getBytes(StandardCharsets.UTF_8)));
            keys.put(hash, new ApiKeyRecord(new ApiKey(ApiKeyId.of("key_1"), AccountId.of("org_1"), "ci",
                    Environment.LIVE, "ok_live_AbCd...iBxe", UserId.of("u-ana"), NOW, Optional.empty(),
                    Optional.empty(), Optional.empty(), Optional.empty()), hash));
        }

        @Override
        public Optional<ApiKeyRecord> apiKeyByHash(SecretHash hash) {
            return Optional.ofNullable(keys.get(hash));
        }

        @Override
        public <T> T read(Function<? super ReadTransaction, ? extends T> work) {
            throw new UnsupportedOperationException("this test storage only records usage");
        }

        @Override
        public <T> T write(Function<? super WriteTransaction, ? extends T> work) {
            if (failing) {
                throw new StorageException("database unreachable (simulated)", new IllegalStateException());
            }
            UsageStore usage = new UsageStore() {
                @Override
                public void add(List<UsageIncrement> batch) {
                    written.addAll(batch);
                }

                @Override
                public List<KeyUsage> keyUsage(AccountId accountId, LocalDate from, LocalDate to) {
                    throw new UnsupportedOperationException("this test storage only records usage");
                }
            };
            WriteTransaction tx = (WriteTransaction) Proxy.newProxyInstance(WriteTransaction.class.getClassLoader(),
                    new Class<?>[] {WriteTransaction.class}, (proxy, method, args) -> {
                        if (method.getName().equals("usage")) {
                            return usage;
                        }
                        if (method.getName().equals("plans")) {
                            return NO_PLANS;
                        }
                        throw new UnsupportedOperationException(method.getName());
                    });
            return work.apply(tx);
        }
    }
}
