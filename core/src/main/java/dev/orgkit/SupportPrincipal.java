package dev.orgkit;

import dev.orgkit.internal.Check;

/**
 * A support agent of the host's company. Support acts with a ticket reference (rule R11).
 *
 * @param agentId the host's id of the agent
 * @since 0.1.0
 */
public record SupportPrincipal(String agentId) implements Principal {
    /** Validates the agent id. */
    public SupportPrincipal {
        Check.single("agentId", Check.identifierProblem(agentId, 128));
    }
}
