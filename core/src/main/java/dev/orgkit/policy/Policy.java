package dev.orgkit.policy;

import static dev.orgkit.policy.Decision.allowed;
import static dev.orgkit.policy.Decision.denied;

import dev.orgkit.EmailAddress;
import dev.orgkit.Principal;
import dev.orgkit.SupportPrincipal;
import dev.orgkit.UserId;
import dev.orgkit.UserPrincipal;
import dev.orgkit.account.Account;
import dev.orgkit.account.PersonalAccount;
import dev.orgkit.invitation.Invitation;
import dev.orgkit.invitation.InvitationStatus;
import dev.orgkit.member.Role;
import dev.orgkit.support.SupportRequest;
import dev.orgkit.support.SupportRequestStatus;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The rules of orgkit (R1 to R13) as small pure functions, listed in one place. Each takes the facts
 * and returns a {@link Decision}; none reads storage, the clock or anything else, so each can be
 * tested alone and called millions of times a second. Services call them inside the transaction of
 * the command; {@link #decide} combines them into the permission table. Immutable and thread-safe.
 *
 * @since 0.1.0
 */
public final class Policy {
    private final boolean membersManageApiKeys;

    private Policy(boolean membersManageApiKeys) {
        this.membersManageApiKeys = membersManageApiKeys;
    }

    /** The default policy: only admins (and personal owners) manage API keys. */
    public static Policy defaults() {
        return new Policy(false);
    }

    /** A policy where organization members manage API keys too, if {@code allowed} (R12). */
    public static Policy membersManageApiKeys(boolean allowed) {
        return new Policy(allowed);
    }

    /** Whether members (not only admins) manage an organization's API keys (R12). */
    public boolean membersMayManageApiKeys() {
        return membersManageApiKeys;
    }

    /** Whether {@code principal} may do {@code permission} on the account the facts describe. */
    public Decision decide(Principal principal, AccessFacts facts, Permission permission) {
        Account account = facts.account();
        if (principal instanceof SupportPrincipal) {
            return forSupport(account, permission);
        }
        UserPrincipal user = (UserPrincipal) principal;
        if (account instanceof PersonalAccount personal) {
            return personal.owner().equals(user.userId()) ? forPersonalOwner(permission) : denied(DenialCode.NOT_FOUND);
        }
        return facts.role()
                .map(role -> forOrganizationMember(role, permission, facts))
                .orElse(denied(DenialCode.NOT_FOUND));
    }

    private static Decision forSupport(Account account, Permission permission) {
        switch (permission) {
            case VIEW_ACCOUNT, VIEW_AUDIT_TRAIL:
                return allowed();
            case PROMOTE_MEMBER, DEMOTE_ADMIN, REMOVE_ADMIN, REMOVE_MEMBER, DELETE_ORGANIZATION:
                return organizationsOnly(account);
            default:
                return denied(DenialCode.NOT_FOR_SUPPORT);
        }
    }

    private static Decision forPersonalOwner(Permission permission) {
        switch (permission) {
            case VIEW_ACCOUNT, VIEW_API_KEYS, MANAGE_API_KEYS, VIEW_AUDIT_TRAIL, VIEW_USAGE:
                return allowed();
            case EDIT_PROFILE, DELETE_ORGANIZATION:
                return denied(DenialCode.ORGANIZATION_ONLY);
            case LEAVE:
                return denied(DenialCode.CANNOT_LEAVE_PERSONAL_ACCOUNT);
            default:
                return denied(DenialCode.PERSONAL_ACCOUNT_CANNOT_HAVE_MEMBERS);
        }
    }

    private Decision forOrganizationMember(Role role, Permission permission, AccessFacts facts) {
        switch (permission) {
            case VIEW_ACCOUNT, VIEW_API_KEYS:
                return allowed();
            case LEAVE:
                // Without the count, an admin is taken to be the last one: deciding fails closed.
                return keepsAnAdmin(role, facts.adminCount().orElse(1));
            case MANAGE_API_KEYS:
                return mayManageApiKeys(role);
            case DELETE_ORGANIZATION:
                // Without the count, another admin is taken to exist: deciding fails closed.
                return adminRoleRequired(role).and(() -> soleAdmin(facts.adminCount().orElse(2)));
            case DEMOTE_ADMIN, REMOVE_ADMIN:
                return adminRoleRequired(role).and(() -> denied(DenialCode.ADMIN_CHANGE_REQUIRES_SUPPORT));
            default:
                return adminRoleRequired(role);
        }
    }

    /** R1: only an organization has members and invitations. */
    public static Decision organizationsOnly(Account account) {
        return account instanceof PersonalAccount ? denied(DenialCode.PERSONAL_ACCOUNT_CANNOT_HAVE_MEMBERS) : allowed();
    }

    /** R2: only admins do this. */
    public static Decision adminRoleRequired(Role role) {
        return role == Role.ADMIN ? allowed() : denied(DenialCode.ADMIN_ROLE_REQUIRED);
    }

    /** R3: a user may promote a MEMBER to ADMIN, but demoting an ADMIN is support-only. */
    public static Decision userMayChangeRole(Role from, Role to) {
        return from == Role.ADMIN && to == Role.MEMBER ? denied(DenialCode.ADMIN_CHANGE_REQUIRES_SUPPORT) : allowed();
    }

    /** R4: a user may remove a MEMBER, but removing an ADMIN is support-only. */
    public static Decision userMayRemove(Role targetRole) {
        return targetRole == Role.ADMIN ? denied(DenialCode.ADMIN_CHANGE_REQUIRES_SUPPORT) : allowed();
    }

    /** R5: the email typed to confirm a removal is the member's (compared as normalized addresses). */
    public static Decision emailConfirmed(EmailAddress memberEmail, String typed) {
        return memberEmail.value().equals(typed.strip().toLowerCase(Locale.ROOT))
                ? allowed() : denied(DenialCode.CONFIRMATION_MISMATCH);
    }

    /** R5: the name typed to confirm leaving is the organization's account name (exact, ends trimmed). */
    public static Decision accountNameConfirmed(String accountName, String typed) {
        return accountName.equals(typed.strip()) ? allowed() : denied(DenialCode.CONFIRMATION_MISMATCH);
    }

    /** R6: an admin may stop being an admin only if another admin remains. */
    public static Decision keepsAnAdmin(Role roleGivenUp, long adminCount) {
        return roleGivenUp == Role.ADMIN && adminCount <= 1 ? denied(DenialCode.LAST_ADMIN) : allowed();
    }

    /** R13: an admin deletes an organization alone only as its sole admin; otherwise support does. */
    public static Decision soleAdmin(long adminCount) {
        return adminCount <= 1 ? allowed() : denied(DenialCode.SOLE_ADMIN_REQUIRED);
    }

    /** R7: an address that belongs to a current member is not invited again. */
    public static Decision notAlreadyAMember(boolean isMember) {
        return isMember ? denied(DenialCode.ALREADY_A_MEMBER) : allowed();
    }

    /** R7: an address with a pending, unexpired invitation is not invited again. */
    public static Decision noPendingInvitation(Optional<Invitation> pending, Instant now) {
        return pending.filter(invitation -> !invitation.isExpiredAt(now)).isPresent()
                ? denied(DenialCode.INVITATION_ALREADY_PENDING) : allowed();
    }

    /** R8: accepted only while pending and unexpired, only by the invited address. */
    public static Decision invitationAcceptable(Invitation invitation, EmailAddress verifiedEmail, Instant now) {
        if (invitation.status() != InvitationStatus.PENDING) {
            return denied(DenialCode.INVITATION_NOT_PENDING);
        }
        if (invitation.isExpiredAt(now)) {
            return denied(DenialCode.INVITATION_EXPIRED);
        }
        return invitation.email().equals(verifiedEmail) ? allowed() : denied(DenialCode.INVITATION_EMAIL_MISMATCH);
    }

    /**
     * R14: {@code wanted} more seats fit in the plan's {@code seats} when {@code used} (members plus
     * pending, unexpired invitations) plus {@code wanted} does not exceed it; no limit, no refusal.
     * Accepting an invitation wants no new seat (the invitation holds one), so it is refused only
     * while the organization uses more seats than its plan has.
     */
    public static Decision seatsAvailable(OptionalInt seats, long used, long wanted) {
        return seats.isPresent() && used + wanted > seats.getAsInt()
                ? denied(DenialCode.SEAT_LIMIT_REACHED) : allowed();
    }

    /** R10: nobody removes themselves; they leave instead. */
    public static Decision notYourself(UserId actor, UserId target) {
        return actor.equals(target) ? denied(DenialCode.USE_LEAVE) : allowed();
    }

    /** R11: support actions need a support principal. */
    public static Decision supportOnly(Principal principal) {
        return principal instanceof SupportPrincipal ? allowed() : denied(DenialCode.SUPPORT_ONLY);
    }

    /** R3, R4, R11: a support action applies only to a member who has {@code expected} now. */
    public static Decision targetHasRole(Role actual, Role expected) {
        return actual == expected ? allowed() : denied(DenialCode.TARGET_ROLE_MISMATCH);
    }

    /** R3, R4: one pending, unexpired support request per (organization, target, action). */
    public static Decision noPendingSupportRequest(Optional<SupportRequest> pending, Instant now) {
        return pending.filter(request -> !request.isExpiredAt(now)).isPresent()
                ? denied(DenialCode.SUPPORT_REQUEST_ALREADY_PENDING) : allowed();
    }

    /** R11: a support request is approved or rejected only while pending and unexpired, and only once. */
    public static Decision supportRequestDecidable(SupportRequest request, Instant now) {
        if (request.status() != SupportRequestStatus.PENDING) {
            return denied(DenialCode.SUPPORT_REQUEST_NOT_PENDING);
        }
        return request.isExpiredAt(now) ? denied(DenialCode.SUPPORT_REQUEST_EXPIRED) : allowed();
    }

    /** R12: admins manage an organization's API keys; members too if the host allows it. */
    public Decision mayManageApiKeys(Role role) {
        return role == Role.ADMIN || membersManageApiKeys ? allowed() : denied(DenialCode.ADMIN_ROLE_REQUIRED);
    }
}
