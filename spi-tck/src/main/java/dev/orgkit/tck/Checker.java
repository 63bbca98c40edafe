package dev.orgkit.tck;

import java.util.function.Supplier;

/** The checks of one run of a {@link World}: a failure names the step it happened at. */
final class Checker {
    private int step;

    /** Moves on to the next step. */
    void next() {
        step++;
    }

    /** The number of the current step, from 1; 0 before the first. */
    int step() {
        return step;
    }

    /** Fails with the message (built only then) unless the condition holds. */
    void check(boolean condition, Supplier<String> message) {
        if (!condition) {
            fail(message.get());
        }
    }

    /** Fails the run at the current step. */
    void fail(String message) {
        throw new AssertionError("step " + step + ": " + message);
    }
}
