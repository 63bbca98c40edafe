package dev.orgkit.invitation;

import dev.orgkit.EmailAddress;
import dev.orgkit.member.Role;
import java.time.Instant;

/**
 * What an invitation link leads to, for the page the link opens. Reading it consumes nothing.
 *
 * @param organizationName the organization's account name
 * @param inviterEmail who invited
 * @param email the invited address
 * @param role the role on accepting
 * @param expiresAt when the link stops working
 * @param status whether it can still be accepted ({@link InvitationStatus#PENDING})
 * @since 0.1.0
 */
public record InvitationPreview(
        String organizationName,
        EmailAddress inviterEmail,
        EmailAddress email,
        Role role,
        Instant expiresAt,
        InvitationStatus status) {}
