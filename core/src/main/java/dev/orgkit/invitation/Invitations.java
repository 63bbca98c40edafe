package dev.orgkit.invitation;

import dev.orgkit.Page;
import dev.orgkit.PageRequest;
import dev.orgkit.Principal;
import dev.orgkit.UserPrincipal;
import dev.orgkit.account.AccountId;
import dev.orgkit.member.Membership;

/**
 * The invitee's side of invitations (preview, accept) and the admins' list of pending ones.
 * Obtain it from {@code kit.invitations()}. Thread-safe.
 *
 * @since 0.1.0
 */
public interface Invitations {

    /**
     * What the link with {@code token} leads to. Consumes nothing, so a mail scanner that opens the
     * link does no harm.
     *
     * @throws dev.orgkit.NotFoundException if no invitation has this token
     */
    InvitationPreview preview(String token);

    /**
     * Joins the organization with the invited role (R8): only while the invitation is pending and
     * unexpired, only by a user whose verified email is the invited one, at most once.
     */
    Membership accept(UserPrincipal invitee, String token);

    /**
     * A page of the organization's pending invitations, ordered by id, for its admins (R2). One whose
     * time ran out is listed with status {@link InvitationStatus#EXPIRED} until a new invitation of
     * the same address replaces it.
     */
    Page<Invitation> pending(Principal principal, AccountId organizationId, PageRequest page);
}
