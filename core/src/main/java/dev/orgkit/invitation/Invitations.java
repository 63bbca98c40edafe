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
     * unexpired, only by a user whose verified email is the invited one, at most once. The
     * invitation already holds a seat of the organization's plan, which the membership takes over, so
     * accepting is refused with {@code SEAT_LIMIT_REACHED} (R14) only while the organization uses more
     * seats than its plan has, which happens when the plan was lowered after invitations went out:
     * then no one joins until an admin revokes invitations (or the plan is raised), so that who joins
     * is the admin's choice, not a race between invitees.
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
     * expired; one that was accepted, declined or revoked is {@code INVITATION_NOT_PENDING}. An expired
     * invitation holds no seat, so resending it needs a free seat of the organization's plan
     * ({@code SEAT_LIMIT_REACHED} otherwise, R14). An invitation made with {@code inviteWithLink} is
     * mailed with a new token: the link the host delivered stops working.
     *
     * @return the invitation with its new expiry
     */
    Invitation resend(UserPrincipal admin, InvitationId invitationId);

    /**
     * Revokes a pending (or expired) invitation, for admins (R2): its link leads nowhere any more
     * (it is unknown, as if it never existed) and no mail for it goes out any more; its seat is free
     * again (R14). One that was accepted, declined or revoked is {@code INVITATION_NOT_PENDING}.
     *
     * @return the revoked invitation
     */
    Invitation revoke(UserPrincipal admin, InvitationId invitationId);

    /**
     * The delivery state of the invitation's mail (sent, failed and retried, given up; attempts and
     * the last error, with no secret in it), for admins (R2).
     *
     * @throws dev.orgkit.NotFoundException if there is no such invitation, or it has no delivery
     *     record (an invitation stored before orgkit kept them, or one made with
     *     {@code members().inviteWithLink} and not resent)
     */
    InvitationDelivery delivery(Principal principal, InvitationId invitationId);

    /**
     * A page of the organization's invitations whose stored status is pending, for its admins (R2);
     * those whose time ran out show as {@link InvitationStatus#EXPIRED}, so they can be resent.
     */
    Page<Invitation> pending(Principal principal, AccountId organizationId, PageRequest page);
}
