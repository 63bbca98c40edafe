package dev.orgkit.tck;

import static org.assertj.core.api.Assertions.fail;

import dev.orgkit.tck.internal.Seeds;
import dev.orgkit.tck.internal.Shrinker;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A seeded stateful property test: long random sequences of commands (create an organization,
 * invite, accept as the right or the wrong user, change roles, remove and leave with right and
 * wrong confirmations, edit the profile, switch accounts, open links, let time pass) by random
 * principals with valid and invalid arguments, each on a fresh storage. After every step the kit
 * is checked through its public API against the invariants and against a model of the expected
 * state.
 *
 * <p>On failure the assertion message holds the seed, the failing sequence shortened by a
 * {@link Shrinker}, and the transcript of its replay. Replay with {@code -Dorgkit.seed=<seed>}
 * (every randomized test of the kit reads it; the seed is printed on every run).
 *
 * <p>Requires {@link #newStorage()} to return a new, empty storage on every call: each sequence
 * and each shrinking attempt replays on its own.
 *
 * @since 0.1.0
 */
public abstract class StatefulContract extends ContractFixture {
    /** The default number of random sequences. */
    public static final int DEFAULT_SEQUENCES = 100;
    /** The default number of commands in each sequence. */
    public static final int DEFAULT_STEPS = 60;
    /** The default bound on the replays the shrinker may make. */
    public static final int DEFAULT_SHRINK_TRIES = 500;

    /**
     * How many random sequences to run: {@code -Dorgkit.stateful.sequences}, or
     * {@value #DEFAULT_SEQUENCES}. Storages with slow transactions may override it lower.
     */
    protected int sequences() {
        return configuredSequences();
    }

    /** How many commands each sequence has: {@code -Dorgkit.stateful.steps}, or {@value #DEFAULT_STEPS}. */
    protected int steps() {
        return configuredSteps();
    }

    /** {@code -Dorgkit.stateful.sequences}, or {@value #DEFAULT_SEQUENCES}. */
    static int configuredSequences() {
        return Integer.getInteger("orgkit.stateful.sequences", DEFAULT_SEQUENCES);
    }

    /** {@code -Dorgkit.stateful.steps}, or {@value #DEFAULT_STEPS}. */
    static int configuredSteps() {
        return Integer.getInteger("orgkit.stateful.steps", DEFAULT_STEPS);
    }

    /** How many replays the shrinker may make to shorten a failing sequence. */
    protected int shrinkTries() {
        return DEFAULT_SHRINK_TRIES;
    }

    /**
     * Protects, after every step of every sequence: every organization has at least one admin (R6);
     * no personal account has members or invitations (R1); no user has two memberships in one
     * organization, nor an account twice in the overview (R7); a membership's email never changes;
     * a rejected command (any {@code OrgKitException}) changed nothing observable (members,
     * pending invitations, audit trails, profiles, active accounts, overviews); nothing but an
     * {@code OrgKitException} is ever thrown; and the kit agrees with the model: who is a member
     * with which role and email, the pending invitations and their status, the profile and its
     * version, how many audit events each account has (one per change, none for a no-op), which
     * account each user works in, and whether each command succeeds or is refused with one of the
     * codes of the rules it breaks.
     */
    @Test
    void random_command_sequences_keep_every_invariant() {
        long seed = Seeds.seed(getClass().getName() + ".random_command_sequences_keep_every_invariant");
        Random sequenceSeeds = new Random(seed);
        try (Rig rig = new Rig()) {
            for (int sequence = 0; sequence < sequences(); sequence++) {
                long sequenceSeed = sequenceSeeds.nextLong();
                List<Step> steps = Step.generate(new Random(sequenceSeed), steps());
                Optional<World.Failure> failure = World.run(rig, newStorage(), sequenceSeed, steps);
                if (failure.isPresent()) {
                    reportShortest(rig, seed, sequence, sequenceSeed, steps, failure.get());
                }
            }
            System.out.println("[orgkit-tck] " + sequences() + " sequences of " + steps() + " steps: " + rig.outcomes());
        }
    }

    private void reportShortest(Rig rig, long seed, int sequence, long sequenceSeed, List<Step> steps,
            World.Failure first) {
        // Only the steps up to the failing one matter.
        List<Step> prefix = steps.subList(0, Math.max(1, first.step()));
        Shrinker<Step> shrinker = new Shrinker<>(
                candidate -> World.run(rig, newStorage(), sequenceSeed, candidate).isPresent(), shrinkTries());
        List<Step> shortest = World.run(rig, newStorage(), sequenceSeed, prefix).isPresent()
                ? shrinker.shrink(prefix) : steps;
        World.Failure replayed = World.run(rig, newStorage(), sequenceSeed, shortest).orElse(first);
        fail("A random command sequence broke the storage contract.\n"
                + "Replay: -D" + Seeds.PROPERTY + "=" + seed + " (sequence " + sequence + " of " + sequences()
                + ", " + steps() + " steps each).\n"
                + "First failure: " + first.message() + "\n"
                + "Shortest failing sequence found (" + shortest.size() + " of " + steps.size() + " steps, "
                + shrinker.tries() + " replays):\n    "
                + shortest.stream().map(Step::toString).collect(Collectors.joining(",\n    ")) + "\n"
                + "Its replay: " + replayed.describe());
    }
}
