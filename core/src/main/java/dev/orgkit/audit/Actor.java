package dev.orgkit.audit;

import dev.orgkit.Principal;
import dev.orgkit.SupportPrincipal;
import dev.orgkit.UserPrincipal;
import dev.orgkit.internal.Check;
import java.util.Optional;

/**
 * Who made a change: a user, a support agent with the ticket they cited, or orgkit itself (for
 * changes no one asked for, such as expiry).
 *
 * @param kind user, support or system
 * @param id the user's id, the agent's id, or {@code "orgkit"}
 * @param ticket the support ticket, for support actions
 * @since 0.1.0
 */
public record Actor(Kind kind, String id, Optional<String> ticket) {

    /** The kinds of actor. */
    public enum Kind {
        /** A signed-in user. */
        USER,
        /** A support agent, with a ticket. */
        SUPPORT,
        /** orgkit itself. */
        SYSTEM
    }

    /** Rejects missing parts. */
    public Actor {
        Check.notNull("kind", kind, "id", id, "ticket", ticket);
    }

    /** The actor for a principal acting without a ticket. */
    public static Actor of(Principal principal) {
        if (principal instanceof UserPrincipal user) {
            return new Actor(Kind.USER, user.userId().value(), Optional.empty());
        }
        return new Actor(Kind.SUPPORT, ((SupportPrincipal) principal).agentId(), Optional.empty());
    }

    /** A support agent acting under a ticket. */
    public static Actor support(SupportPrincipal agent, String ticket) {
        return new Actor(Kind.SUPPORT, agent.agentId(), Optional.of(ticket));
    }

    /** orgkit itself. */
    public static Actor system() {
        return new Actor(Kind.SYSTEM, "orgkit", Optional.empty());
    }
}
