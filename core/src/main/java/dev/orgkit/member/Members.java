package dev.orgkit.member;

import dev.orgkit.Page;
import dev.orgkit.PageRequest;
import dev.orgkit.Principal;
import dev.orgkit.UserId;
import dev.orgkit.UserPrincipal;
import dev.orgkit.account.AccountId;
import dev.orgkit.invitation.BulkInvitation;
import dev.orgkit.invitation.Invitation;
import dev.orgkit.invitation.InviteRequest;
import dev.orgkit.invitation.IssuedInvitation;
import java.util.List;

/**
 * An organization's members: inviting, listing, promoting and removing. Obtain it from
 * {@code kit.members()}. Thread-safe; every command is one transaction.
 *
 * @since 0.1.0
 */
public interface Members {
    /** The most rows {@link #inviteAll} takes at once. */
    int MAX_BULK_INVITATIONS = 100;

    /**
     * Invites an email address with a role (admins only, R2; never into a personal account, R1;
     * never a current member or an address already invited, R7; never beyond the seats of the
     * organization's plan, R14, {@code SEAT_LIMIT_REACHED}). The invitation mail is handed to the
     * host's mailer after the invitation is committed.
     */
    Invitation invite(UserPrincipal admin, AccountId organizationId, String email, Role role);

    /**
     * Invites like {@link #invite} but sends no mail: the host delivers the returned link itself (a
     * chat message, its own mailer, a QR code). The token is in the result only; orgkit stores its
     * SHA-256, and the link is accepted only by a user whose verified email is the invited one (R8).
     * Refused like {@code invite}, including with {@code SEAT_LIMIT_REACHED} when the plan's seats are
     * taken (R14). A later {@code invitations().resend} mails it with a new token (the link given here
     * stops working then).
     *
     * <pre>{@code
     * IssuedInvitation issued = kit.members().inviteWithLink(ana, org.id(), "eve@example.com", Role.MEMBER);
     * URI link = issued.acceptLink();   // built by the kit's invitationLink function
     * }</pre>
     *
     * @since 0.2.0
     */
    IssuedInvitation inviteWithLink(UserPrincipal admin, AccountId organizationId, String email, Role role);

    /**
     * Invites up to {@value #MAX_BULK_INVITATIONS} addresses at once, for admins (R2). Every row gets an
     * outcome, in order: invited, refused by a rule ({@code ALREADY_A_MEMBER},
     * {@code INVITATION_ALREADY_PENDING}, {@code SEAT_LIMIT_REACHED}), or invalid (a malformed address,
     * or one that an earlier row already has, compared as normalized addresses). The invited rows are
     * written in one transaction; when the plan's seats run out (R14), the rows in input order take the
     * remaining seats and the later ones are refused with {@code SEAT_LIMIT_REACHED}. The mails go out
     * after the commit, as for {@link #invite}.
     *
     * <pre>{@code
     * BulkInvitation bulk = kit.members().inviteAll(ana, org.id(), List.of(
     *         new InviteRequest("a@x.example", Role.MEMBER),
     *         new InviteRequest("b@x.example", Role.ADMIN)));
     * }</pre>
     *
     * @throws dev.orgkit.InvalidInputException if the list is empty, longer than
     *     {@value #MAX_BULK_INVITATIONS}, or holds a null; nothing is written
     * @throws dev.orgkit.AccessDeniedException if {@code admin} may not invite (R1, R2); nothing is written
     * @since 0.2.0
     */
    BulkInvitation inviteAll(UserPrincipal admin, AccountId organizationId, List<InviteRequest> invitations);

    /** A page of members, ordered by user id, for any member or support (R9). */
    Page<Membership> list(Principal principal, AccountId organizationId, PageRequest page);

    /**
     * Changes a member's role: an admin may promote a MEMBER to ADMIN; demoting an ADMIN is for
     * support only (R3). Asking for the role the member already has changes nothing.
     */
    Membership changeRole(UserPrincipal admin, AccountId organizationId, UserId memberId, Role newRole);

    /**
     * Removes a MEMBER; the admin confirms by typing the member's email (R5). Removing an ADMIN is
     * for support only (R4); removing oneself is leaving (R10).
     */
    void remove(UserPrincipal admin, AccountId organizationId, UserId memberId, String typedEmail);
}
