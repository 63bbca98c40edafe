package dev.orgkit.benchmarks;

import dev.orgkit.OrgKit;
import dev.orgkit.apikey.KeyVerification;
import dev.orgkit.inmemory.InMemoryStorage;
import dev.orgkit.plan.Enforcement;
import dev.orgkit.plan.Plan;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * {@code verify} of a key whose account has a plan, on the in-memory storage: no plan (the baseline,
 * measured next to the others so that a noisy machine affects all three alike), a SOFT plan (nothing
 * refused) and a HARD plan whose limit is never reached, so that every call pays the HARD check (a
 * sum of this instance's counter) and is counted. Run it in the same JMH run
 * as {@link ApiKeyVerifyBenchmark#floor} and {@link ApiKeyVerifyBenchmark#verifyInMemory} (no plan):
 * DESIGN §8 keeps every in-memory variant within 1.5× of the floor.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PlanVerifyBenchmark {

    /** A kit on the in-memory storage with one key, whose account has the plan named by {@link #enforcement}, if any. */
    @State(Scope.Benchmark)
    public static class Planned {
        /** NONE (no plan assigned), SOFT or HARD. */
        @Param({"NONE", "SOFT", "HARD"})
        public String enforcement;

        OrgKit kit;
        String secret;

        /** Builds the state before the measurements: the plan is known to the kit from the start. */
        @Setup
        public void setUp() {
            Fixtures.Keyed keyed = Fixtures.keyed(InMemoryStorage.create());
            kit = keyed.kit();
            secret = keyed.secret();
            if (!"NONE".equals(enforcement)) {
                kit.plans().assign(keyed.organization().id(),
                        Plan.monthly(Plan.MAX_MONTHLY_CALLS).enforcement(Enforcement.valueOf(enforcement)));
            }
            if (!kit.apiKeys().verify(secret).isValid()) {
                throw new IllegalStateException("the benchmark key does not verify under its plan");
            }
        }

        /** Closes what the state opened. */
        @TearDown
        public void tearDown() {
            kit.close();
        }
    }

    /** {@code verify} of a valid key whose account has a plan. */
    @Benchmark
    public KeyVerification verifyWithPlan(Planned state) {
        return state.kit.apiKeys().verify(state.secret);
    }
}
