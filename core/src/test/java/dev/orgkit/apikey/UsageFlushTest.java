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
import dev.orgkit.spi.UsageBatch;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The usage buffer's promise: a flush that fails loses nothing (the counts wait for the next one),
 * counts nothing twice when the failed write had in fact committed, and the log line it leaves names
 * no key.
 */
class UsageFlushTest {
    private static final String SECRET = "ok_live_AbCdEfGhIjKlMnOpQrStUvWxYz01232piBxe";
    private static final Instant NOW = Instant.parse("2026-01-05T09:00:00Z");

    private final FlakyStorage storage = newStorage();
    private final OrgKit kit = OrgKit.builder().storage(storage).mailer(mail -> { })
            .clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();

    @Test
    void a_failed_flush_keeps_every_count_for_the_next_one_and_logs_no_key() {
        verify(3);

        storage.mode = Mode.FAILING;
        assertThatThrownBy(() -> kit.apiKeys().flushUsage()).isInstanceOf(StorageException.class);
        String log = capturingStandardError(kit::close);
        assertThat(log).contains("flushing API key usage failed").contains("3 verifications stay buffered")
                .doesNotContain(SECRET).doesNotContain(SECRET.substring(8, 30));

        storage.mode = Mode.WORKING;
        verify(1);
        assertThat(kit.apiKeys().flushUsage()).isEqualTo(4);
        assertThat(storage.stored()).isEqualTo(4);
        assertThat(storage.applied.values()).flatMap(UsageBatch::increments).allSatisfy(increment -> {
            assertThat(increment.day()).isEqualTo(LocalDate.of(2026, 1, 5));
            assertThat(increment.lastUsedAt()).isEqualTo(NOW);
        });
        assertThat(kit.apiKeys().flushUsage()).isZero();
    }

    @Test
    void a_batch_whose_write_failed_is_retried_as_it_was_cut_and_newer_counts_go_into_the_next_batch() {
        verify(3);
        storage.mode = Mode.FAILING;
        assertThatThrownBy(() -> kit.apiKeys().flushUsage()).isInstanceOf(StorageException.class);

        storage.mode = Mode.WORKING;
        verify(2);
        kit.apiKeys().flushUsage();

        assertThat(storage.attempts).hasSize(3);
        UsageBatch failed = storage.attempts.get(0);
        assertThat(storage.attempts.get(1)).as("the retry").isEqualTo(failed);
        assertThat(failed.requests()).isEqualTo(3);
        assertThat(storage.attempts.get(2).id()).as("the newer counts' batch").isNotEqualTo(failed.id());
        assertThat(storage.attempts.get(2).requests()).isEqualTo(2);
    }

    @Test
    void a_flush_that_committed_although_it_was_reported_failed_is_not_counted_again() {
        verify(10);
        storage.mode = Mode.LOSING_ACKNOWLEDGEMENT;
        assertThatThrownBy(() -> kit.apiKeys().flushUsage()).isInstanceOf(StorageException.class);
        assertThat(storage.stored()).as("committed by the failed flush").isEqualTo(10);

        storage.mode = Mode.WORKING;
        verify(1);
        kit.apiKeys().flushUsage();

        assertThat(storage.stored()).isEqualTo(11);
        assertThat(kit.apiKeys().flushUsage()).isZero();
    }

    private void verify(int times) {
        for (int i = 0; i < times; i++) {
            assertThat(kit.apiKeys().verify(SECRET).isValid()).isTrue();
        }
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

    /** How the test storage's writes end. */
    private enum Mode {
        /** They commit. */
        WORKING,
        /** They fail before anything is applied. */
        FAILING,
        /** They commit, then fail as a connection that died before the commit's acknowledgement would. */
        LOSING_ACKNOWLEDGEMENT
    }

    private static FlakyStorage newStorage() {
        try {
            return new FlakyStorage();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Knows one key; applies each usage batch id at most once, as a storage must; writes end as {@link #mode} says. */
    private static final class FlakyStorage implements Storage {
        final Map<SecretHash, ApiKeyRecord> keys = new HashMap<>();
        final Map<String, UsageBatch> applied = new LinkedHashMap<>();
        final List<UsageBatch> attempts = new ArrayList<>();
        volatile Mode mode = Mode.WORKING;

        FlakyStorage() throws Exception {
            SecretHash hash = SecretHash.ofDigest(MessageDigest.getInstance("SHA-256")
                    .digest(SECRET.getBytes(StandardCharsets.UTF_8)));
            keys.put(hash, new ApiKeyRecord(new ApiKey(ApiKeyId.of("key_1"), AccountId.of("org_1"), "ci",
                    Environment.LIVE, "ok_live_AbCd...iBxe", UserId.of("u-ana"), NOW, Optional.empty(),
                    Optional.empty(), Optional.empty(), Optional.empty()), hash));
        }

        long stored() {
            return applied.values().stream().mapToLong(UsageBatch::requests).sum();
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
        public synchronized <T> T write(Function<? super WriteTransaction, ? extends T> work) {
            Mode ending = mode;
            Map<String, UsageBatch> added = new LinkedHashMap<>();
            UsageStore usage = new UsageStore() {
                @Override
                public boolean add(UsageBatch batch, Instant appliedAt) {
                    attempts.add(batch);
                    if (applied.containsKey(batch.id()) || added.containsKey(batch.id())) {
                        return false;
                    }
                    added.put(batch.id(), batch);
                    return true;
                }

                @Override
                public int forgetBatchesAppliedBefore(Instant appliedBefore) {
                    return 0;
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
            T result = work.apply(tx);
            if (ending == Mode.FAILING) {
                throw new StorageException("database unreachable (simulated)", new IllegalStateException());
            }
            applied.putAll(added);
            if (ending == Mode.LOSING_ACKNOWLEDGEMENT) {
                throw new StorageException("connection lost during COMMIT (simulated)", new IllegalStateException());
            }
            return result;
        }
    }
}
