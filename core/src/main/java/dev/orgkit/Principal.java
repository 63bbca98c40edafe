package dev.orgkit;

import dev.orgkit.internal.Check;

/**
 * Who acts: a user the host has authenticated, or a support agent. orgkit never authenticates; it
 * trusts what the host gives it here.
 *
 * @since 0.1.0
 */
public sealed interface Principal permits UserPrincipal, SupportPrincipal {

    /**
     * A signed-in user.
     *
     * @param userId the host's id of the user
     * @param verifiedEmail an email address the host has verified belongs to the user; invitations
     *     are accepted only by a user whose verified email is the invited one
     */
    static UserPrincipal user(String userId, String verifiedEmail) {
        // Both checked before either is built, so a rejection lists both problems.
        new Check().add("userId", Check.identifierProblem(userId, 128))
                .add("verifiedEmail", EmailAddress.problem(verifiedEmail))
                .throwIfAny();
        return new UserPrincipal(UserId.of(userId), EmailAddress.of(verifiedEmail));
    }

    /** A support agent, identified by the host's id for the agent. */
    static SupportPrincipal support(String agentId) {
        return new SupportPrincipal(agentId);
    }
}
