package dev.orgkit.member;

import dev.orgkit.EmailAddress;
import dev.orgkit.UserId;
import dev.orgkit.account.AccountId;
import dev.orgkit.internal.Check;
import java.time.Instant;

/**
 * A user's membership of an organization. The email is fixed when the member joins and never
 * changes; to change it, remove the member and invite the new address.
 *
 * @param organizationId the organization
 * @param userId the member
 * @param email the address the member joined with
 * @param role the member's role
 * @param joinedAt when the member joined
 * @since 0.1.0
 */
public record Membership(AccountId organizationId, UserId userId, EmailAddress email, Role role, Instant joinedAt) {
    /** Rejects missing parts. */
    public Membership {
        Check.notNull("organizationId", organizationId, "userId", userId, "email", email,
                "role", role, "joinedAt", joinedAt);
    }

    /** This membership with another role. */
    public Membership withRole(Role newRole) {
        return new Membership(organizationId, userId, email, newRole, joinedAt);
    }
}
