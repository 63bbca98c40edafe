package dev.orgkit.tck.internal;

import java.security.SecureRandom;

/**
 * Where the seed of a randomized test comes from: the system property a developer sets to replay
 * a failure ({@code -Dorgkit.seed=...}), or a fresh random one. Either way it is printed, so every
 * run can be replayed.
 *
 * @since 0.1.0
 */
public final class Seeds {
    /** The system property that fixes the seed of every randomized test of the kit. */
    public static final String PROPERTY = "orgkit.seed";

    private Seeds() {}

    /** The seed for the test named {@code test}: {@value #PROPERTY} if set, otherwise fresh; printed. */
    public static long seed(String test) {
        String fixed = System.getProperty(PROPERTY);
        long seed;
        String origin;
        if (fixed != null && !fixed.isBlank()) {
            try {
                seed = Long.parseLong(fixed.strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("-D" + PROPERTY + " must be a long, not " + fixed, e);
            }
            origin = "from -D" + PROPERTY;
        } else {
            seed = new SecureRandom().nextLong();
            origin = "fresh; replay with -D" + PROPERTY + "=" + seed;
        }
        System.out.println("[orgkit-tck] " + test + ": " + PROPERTY + "=" + seed + " (" + origin + ")");
        return seed;
    }
}
