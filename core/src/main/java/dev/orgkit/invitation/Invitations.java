package dev.orgkit.invitation;

import dev.orgkit.Page;
import dev.orgkit.PageRequest;
import dev.orgkit.Principal;
import dev.orgkit.UserPrincipal;
import dev.orgkit.account.AccountId;
import dev.orgkit.delivery.InvitationDelivery;
import dev.orgkit.member.Membership;

/**
 * The invitee's side of invitations (preview, accept, decline) and the admins' side (resend,
 * revoke, the list of pending ones).
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
     * Declines the invitation (R8 codes): only while it is pending and unexpired, only by a user
     * whose verified email is the invited one. The link then leads to a declined invitation
     * ({@link #preview} shows it) and cannot be accepted.
     */
    void decline(UserPrincipal invitee, String token);

    /**
     * Sends the invitation again, for admins (R2): a new expiry (the kit's time to live from now) and
     * a new link, sent by mail; the old link stops working at once. Works for an invitation that
     * expired; one that was accepted, declined or revoked is {@code INVITATION_NOT_PENDING}.
     *
     * @return the invitation with its new expiry
     */
    Invitation resend(UserPrincipal admin, InvitationId invitationId);

    /**
     * Revokes a pending (or expired) invitation, for admins (R2): its link leads nowhere any more
     * (it is unknown, as if it never existed) and no mail for it goes out any more. One that was accepted, declined or revoked is
     * {@code INVITATION_NOT_PENDING}.
     *
     * @return the revoked invitation
     */
    Invitation revoke(UserPrincipal admin, InvitationId invitationId);

    /**
     * The delivery state of the invitation's mail (sent, failed and retried, given up; attempts and
     * the last error, with no secret in it), for admins (R2).
     *
     * @throws dev.orgkit.NotFoundException if there is no such invitation, or it has no delivery
     *     record (an invitation stored before orgkit kept them)
     */
    InvitationDelivery delivery(Principal principal, InvitationId invitationId);

    /**
     * A page of the organization's invitations whose stored status is pending, for its admins (R2);
     * those whose time ran out show as {@link InvitationStatus#EXPIRED}, so they can be resent.
     */
    Page<Invitation> pending(Principal principal, AccountId organizationId, PageRequest page);
}
