package dev.orgkit.spi;

import dev.orgkit.EmailAddress;
import java.util.Collections;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * An account's usage alert settings as storage keeps them: the thresholds (percentages of the plan's
 * monthly calls) and, for a personal account, the address of its owner, which orgkit knows only from
 * the verified email of the principal who set them.
 *
 * @param thresholds 1 to 1000 each (the service checks), in ascending order
 * @param ownerEmail where a personal account's alerts and statements go; empty for an organization
 *     (its alerting and invoicing emails are on its profile)
 * @since 0.2.0
 */
public record AlertSettings(SortedSet<Integer> thresholds, Optional<EmailAddress> ownerEmail) {
    /** No thresholds, no address: what an account that never set alerts has. */
    public static final AlertSettings NONE = new AlertSettings(new TreeSet<>(), Optional.empty());

    /** Copies the thresholds into an unmodifiable set in ascending order. */
    public AlertSettings {
        if (thresholds == null || ownerEmail == null || thresholds.stream().anyMatch(Objects::isNull)) {
            throw new IllegalArgumentException("AlertSettings needs its thresholds and owner email (or empty)");
        }
        thresholds = Collections.unmodifiableSortedSet(new TreeSet<>(thresholds));
    }

    /** Settings with {@code thresholds}, in any order. */
    public static AlertSettings of(Set<Integer> thresholds, Optional<EmailAddress> ownerEmail) {
        return new AlertSettings(new TreeSet<>(thresholds), ownerEmail);
    }
}
