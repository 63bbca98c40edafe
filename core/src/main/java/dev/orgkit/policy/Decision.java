package dev.orgkit.policy;

import dev.orgkit.internal.Check;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The answer of a rule: {@link Allowed}, or {@link Denied} with a code, a message and a remedy.
 *
 * @since 0.1.0
 */
public sealed interface Decision permits Decision.Allowed, Decision.Denied {

    /** The one {@link Allowed} decision. */
    Allowed ALLOWED = new Allowed();

    /** Whether this is {@link Allowed}. */
    boolean isAllowed();

    /** Allowed. */
    static Decision allowed() {
        return ALLOWED;
    }

    /** Denied with the code's default message and remedy. */
    static Denied denied(DenialCode code) {
        return code.denial();
    }

    /** This decision if denied, otherwise the next rule's. */
    default Decision and(Supplier<Decision> next) {
        return isAllowed() ? next.get() : this;
    }

    /** The command may go ahead. */
    record Allowed() implements Decision {
        @Override
        public boolean isAllowed() {
            return true;
        }
    }

    /**
     * The command is refused.
     *
     * @param code the stable code of the rule
     * @param message a human message, safe to show to the user
     * @param remedy what the user can do instead, if anything
     */
    record Denied(DenialCode code, String message, Optional<String> remedy) implements Decision {
        /** Rejects missing parts. */
        public Denied {
            Check.notNull("code", code, "message", message, "remedy", remedy);
        }

        @Override
        public boolean isAllowed() {
            return false;
        }
    }
}
