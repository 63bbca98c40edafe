package dev.orgkit.member;

import dev.orgkit.Page;
import dev.orgkit.PageRequest;
import dev.orgkit.Principal;
import dev.orgkit.UserId;
import dev.orgkit.UserPrincipal;
import dev.orgkit.account.AccountId;
import dev.orgkit.invitation.Invitation;

/**
 * An organization's members: inviting, listing, promoting and removing. Obtain it from
 * {@code kit.members()}. Thread-safe; every command is one transaction.
 *
 * @since 0.1.0
 */
public interface Members {

    /**
     * Invites an email address with a role (admins only, R2; never into a personal account, R1;
     * never a current member or an address already invited, R7). The invitation mail is handed to
     * the host's mailer after the invitation is committed.
     */
    Invitation invite(UserPrincipal admin, AccountId organizationId, String email, Role role);

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
