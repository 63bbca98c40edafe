package dev.orgkit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orgkit.apikey.ApiKeyId;
import dev.orgkit.apikey.RateLimit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The rate limiter's promise, as properties over seeded random arrivals on an injected clock: in
 * any window of the limit's length, never more than its requests are allowed; a refusal's
 * retry-after is exact (one more is allowed then, not a millisecond before); and a request is only
 * refused when the window is really full.
 */
class RateLimiterTest {
    private static final ApiKeyId KEY = ApiKeyId.of("key_1");

    @TestFactory
    Stream<DynamicTest> never_more_than_the_limit_in_any_window_and_never_refused_without_need() {
        long seed = Long.getLong("orgkit.seed", System.nanoTime());
        return LongStream.range(0, 200).mapToObj(round -> {
            var random = new SplittableRandom(seed + round);
            var limit = new RateLimit(1 + random.nextInt(20), Duration.ofMillis(1 + random.nextInt(500)));
            return DynamicTest.dynamicTest("seed " + (seed + round) + ", " + limit, () -> {
                var limiter = new RateLimiter();
                List<Long> allowed = new ArrayList<>();
                long now = random.nextLong(1_000_000);
                for (int i = 0; i < 400; i++) {
                    now += random.nextInt(4) == 0 ? 0 : random.nextInt((int) limit.window().toMillis() / 3 + 2);
                    Optional<Duration> wait = limiter.acquire(KEY, limit, now);
                    long inWindow = countSince(allowed, now - limit.window().toMillis());
                    if (wait.isEmpty()) {
                        allowed.add(now);
                        assertThat(inWindow + 1).as("allowed in the window ending at %d", now)
                                .isLessThanOrEqualTo(limit.requests());
                    } else {
                        assertThat(inWindow).as("refused at %d only when full", now).isEqualTo(limit.requests());
                        long oldest = allowed.get(allowed.size() - limit.requests());
                        assertThat(wait.get()).isEqualTo(Duration.ofMillis(oldest + limit.window().toMillis() - now));
                    }
                }
            });
        });
    }

    private static long countSince(List<Long> allowed, long exclusiveStart) {
        return allowed.stream().filter(at -> at > exclusiveStart).count();
    }

    @Test
    void a_refused_request_is_allowed_exactly_when_its_retry_after_has_passed() {
        var limiter = new RateLimiter();
        var limit = new RateLimit(2, Duration.ofSeconds(10));
        limiter.acquire(KEY, limit, 0);
        limiter.acquire(KEY, limit, 3_000);

        Duration wait = limiter.acquire(KEY, limit, 4_000).orElseThrow();

        assertThat(wait).isEqualTo(Duration.ofSeconds(6));
        assertThat(limiter.acquire(KEY, limit, 9_999)).isPresent();
        assertThat(limiter.acquire(KEY, limit, 10_000)).isEmpty();
    }

    @Test
    void each_key_has_its_own_window() {
        var limiter = new RateLimiter();
        var limit = new RateLimit(1, Duration.ofSeconds(1));

        assertThat(limiter.acquire(KEY, limit, 0)).isEmpty();
        assertThat(limiter.acquire(ApiKeyId.of("key_2"), limit, 0)).isEmpty();
        assertThat(limiter.acquire(KEY, limit, 0)).isPresent();
    }

    @Test
    void keys_whose_tokens_all_came_back_are_forgotten_and_start_afresh() {
        var limiter = new RateLimiter();
        var limit = new RateLimit(1, Duration.ofSeconds(1));
        limiter.acquire(KEY, limit, 0);

        limiter.evictIdle(999);
        assertThat(limiter.size()).as("a token is still out").isEqualTo(1);
        limiter.evictIdle(1_000);
        assertThat(limiter.size()).isZero();
        assertThat(limiter.acquire(KEY, limit, 1_000)).isEmpty();
    }

    @Test
    void threads_racing_for_one_key_get_exactly_the_limit_even_while_idle_keys_are_evicted() throws Exception {
        var limiter = new RateLimiter();
        var limit = new RateLimit(1_000, Duration.ofHours(1));
        var allowed = new AtomicInteger();
        var start = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(4);
        for (int t = 0; t < 4; t++) {
            threads.submit(() -> {
                start.await();
                for (int i = 0; i < 600; i++) {
                    if (limiter.acquire(KEY, limit, 0).isEmpty()) {
                        allowed.incrementAndGet();
                    }
                    limiter.evictIdle(0);
                }
                return null;
            });
        }
        start.countDown();
        threads.shutdown();
        assertThat(threads.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

        assertThat(allowed).hasValue(1_000);
    }
}
