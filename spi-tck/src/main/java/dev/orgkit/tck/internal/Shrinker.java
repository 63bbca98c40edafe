package dev.orgkit.tck.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Shortens a failing sequence while it keeps failing: removes halves, then quarters, and so on
 * down to single elements, and starts over after every success, until no single removal keeps the
 * failure. The result is 1-minimal: removing any one element makes it pass. Each try replays the
 * candidate from scratch (the caller's predicate does), so the shrinker knows nothing of what the
 * elements mean.
 *
 * <p>Not thread-safe; one instance per shrink.
 *
 * @param <T> the elements of the sequence, such as commands
 * @since 0.1.0
 */
public final class Shrinker<T> {
    private final Predicate<List<T>> fails;
    private final int maxTries;
    private int tries;

    /**
     * A shrinker that asks {@code fails} whether a candidate still fails, at most {@code maxTries}
     * times (replaying is slow on real databases; the best sequence found so far is kept).
     */
    public Shrinker(Predicate<List<T>> fails, int maxTries) {
        this.fails = fails;
        this.maxTries = maxTries;
    }

    /** The shortest sequence found that still fails; {@code failing} itself must fail. */
    public List<T> shrink(List<T> failing) {
        List<T> current = List.copyOf(failing);
        boolean shortened = true;
        while (shortened && tries < maxTries) {
            shortened = false;
            for (int chunk = Math.max(1, current.size() / 2); chunk >= 1 && tries < maxTries; chunk /= 2) {
                int start = 0;
                while (start < current.size() && tries < maxTries) {
                    List<T> candidate = without(current, start, chunk);
                    tries++;
                    if (fails.test(candidate)) {
                        current = candidate;
                        shortened = true;
                    } else {
                        start += chunk;
                    }
                }
            }
        }
        return current;
    }

    /** How many candidates were replayed. */
    public int tries() {
        return tries;
    }

    private static <T> List<T> without(List<T> list, int start, int count) {
        List<T> rest = new ArrayList<>(list.subList(0, start));
        rest.addAll(list.subList(Math.min(list.size(), start + count), list.size()));
        return List.copyOf(rest);
    }
}
