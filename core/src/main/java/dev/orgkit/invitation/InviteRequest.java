package dev.orgkit.invitation;

import dev.orgkit.internal.Check;
import dev.orgkit.member.Role;

/**
 * One row of a bulk invitation: an email address as the host received it, and a role. The address is
 * checked when the batch runs, so that a bad row is reported with its violations instead of refusing
 * the whole batch.
 *
 * <pre>{@code
 * List<InviteRequest> rows = List.of(
 *         new InviteRequest("a@x.example", Role.MEMBER),
 *         new InviteRequest("b@x.example", Role.ADMIN));
 * BulkInvitation bulk = kit.members().inviteAll(ana, org.id(), rows);
 * }</pre>
 *
 * @param email the address to invite, as typed or imported (trimmed and lower-cased when checked)
 * @param role the role the invitee gets on accepting
 * @since 0.2.0
 */
public record InviteRequest(String email, Role role) {
    /** Rejects missing parts; the address's syntax is checked per row by {@code inviteAll}. */
    public InviteRequest {
        Check.notNull("email", email, "role", role);
    }
}
