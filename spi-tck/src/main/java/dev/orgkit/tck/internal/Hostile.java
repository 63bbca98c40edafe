package dev.orgkit.tck.internal;

import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * One hostile value for one parameter: a label for failure messages, how to build it (building may
 * itself be refused, by a value type's constructor), and what the library may do when given it.
 *
 * @param label what the value is, as failure messages show it
 * @param value builds the value; may throw, as a value type's constructor refusing it
 * @param leeway what the library may answer
 */
public record Hostile(String label, Supplier<@Nullable Object> value, Leeway leeway) {
    /** What the library may answer to a hostile value. */
    public enum Leeway {
        /**
         * It must be refused with an orgkit exception (a read that answers with a verdict, a
         * {@code Decision} or a {@code KeyVerification}, may answer a negative one instead), and
         * nothing changes.
         */
        REFUSE,
        /**
         * As {@link #REFUSE}, for a value that is hostile only in relation to the other arguments: a
         * principal who is not in the organization an id names, an id of another organization.
         */
        FOREIGN,
        /** A read may answer normally, but nothing changes. */
        MAY_READ,
        /**
         * Unusual but legitimate (an emoji in a name, zero where zero means none, an empty set): the
         * call may succeed and change state; if it is refused, it is with an orgkit exception, and
         * nothing changes.
         */
        MAY_ACCEPT
    }

    /** A value built at once. */
    public static Hostile of(String label, @Nullable Object value, Leeway leeway) {
        return new Hostile(label, () -> value, leeway);
    }

    /** The same value with another label and leeway. */
    Hostile with(String newLabel, Leeway newLeeway) {
        return new Hostile(newLabel, value, newLeeway);
    }
}
