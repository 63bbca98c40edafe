package dev.orgkit.policy;

import java.util.Optional;

/**
 * Why a command was refused: a stable, machine-readable code that hosts map to HTTP statuses and
 * translations. The names are the contract; each code comes with a default message and, where one
 * exists, a remedy (what the user can do instead).
 *
 * @since 0.1.0
 */
public enum DenialCode {
    /** R1. */
    PERSONAL_ACCOUNT_CANNOT_HAVE_MEMBERS("R1", "A personal account cannot have members or invitations.",
            "Create an organization and invite members there."),
    /** R2, R12. */
    ADMIN_ROLE_REQUIRED("R2", "Only an admin of the organization can do this.", "Ask an admin."),
    /** R3, R4. */
    ADMIN_CHANGE_REQUIRES_SUPPORT("R3/R4", "Demoting or removing an admin is done by support.",
            "File a support request."),
    /** R5. */
    CONFIRMATION_MISMATCH("R5", "The confirmation typed does not match.", "Type it again."),
    /** R6. */
    LAST_ADMIN("R6", "An organization must keep at least one admin.", "Promote another member first."),
    /** R7. */
    ALREADY_A_MEMBER("R7", "This user or email is already a member of the organization.", null),
    /** R7. */
    INVITATION_ALREADY_PENDING("R7", "This email already has a pending invitation.",
            "Resend the existing invitation."),
    /** R8. */
    INVITATION_NOT_PENDING("R8", "This invitation was already accepted, declined or revoked.",
            "Ask for a new invitation."),
    /** R8. */
    INVITATION_EXPIRED("R8", "This invitation has expired.", "Ask for a new invitation."),
    /** R8. */
    INVITATION_EMAIL_MISMATCH("R8", "This invitation was sent to another email address.",
            "Sign in with the invited address, or ask for a new invitation."),
    /** R9. */
    NOT_FOUND("R9", "Not found.", null),
    /** R10. */
    USE_LEAVE("R10", "You cannot remove yourself.", "Leave the organization instead."),
    /** R10. */
    CANNOT_LEAVE_PERSONAL_ACCOUNT("R10", "You cannot leave your personal account.", null),
    /** R11. */
    SUPPORT_ONLY("R11", "Only support can do this, with a ticket.", null),
    /** Support agents act only through the support workflow; account work is for its users. */
    NOT_FOR_SUPPORT("R11", "Support agents cannot do this; users of the account can.", null),
    /** Only organizations have a profile. */
    ORGANIZATION_ONLY("R1", "Only an organization has a profile.", "Create an organization."),
    /** Someone changed the thing since it was read. */
    STALE_VERSION("-", "It was changed by someone else since you read it.", "Reload and try again."),
    /** R3, R4: a support request for this target and action is already waiting for support. */
    SUPPORT_REQUEST_ALREADY_PENDING("R3/R4", "A support request for this member and action is already pending.",
            "Wait for support to decide the pending request."),
    /** R11: the support request was already approved or rejected. */
    SUPPORT_REQUEST_NOT_PENDING("R11", "This support request was already approved or rejected.", null),
    /** R11: the support request expired before anyone decided it. */
    SUPPORT_REQUEST_EXPIRED("R11", "This support request has expired.", "File a new support request."),
    /** R3, R4: the member does not have the role the action applies to (an admin to demote, a member to promote). */
    TARGET_ROLE_MISMATCH("R3/R4", "The member does not have the role this action applies to.",
            "Check the member's current role."),
    /** A revoked, expired or already rolled API key cannot be rolled. */
    API_KEY_INACTIVE("R12", "This API key is revoked, expired or already rolled.",
            "Roll the key that replaced it, or create a new key."),
    /** R13: while an organization has other admins, deleting it goes through support. @since 0.2.0 */
    SOLE_ADMIN_REQUIRED("R13", "Only the sole admin of an organization can delete it.",
            "File a support request to delete the organization."),
    /** R13: a deleted organization is restored only within its restore window. @since 0.2.0 */
    RESTORE_WINDOW_PASSED("R13", "The organization's restore window has passed; it can no longer be restored.",
            null),
    /**
     * R14: the organization's members and pending, unexpired invitations already use every seat of its
     * plan ({@code Plan.seats}); an invitation that cannot be accepted any more holds no seat.
     *
     * @since 0.2.0
     */
    SEAT_LIMIT_REACHED("R14", "Every seat of the organization's plan is taken by a member or a pending invitation.",
            "Upgrade the plan or revoke an invitation.");

    private final String rule;
    private final String defaultMessage;
    private final Optional<String> remedy;
    private final Decision.Denied denial;

    DenialCode(String rule, String defaultMessage, String remedy) {
        this.rule = rule;
        this.defaultMessage = defaultMessage;
        this.remedy = Optional.ofNullable(remedy);
        this.denial = new Decision.Denied(this, defaultMessage, this.remedy);
    }

    /** The rule of the design (R1 to R14) this code belongs to. */
    public String rule() {
        return rule;
    }

    /** The default human message. */
    public String defaultMessage() {
        return defaultMessage;
    }

    /** What the user can do instead, if anything. */
    public Optional<String> remedy() {
        return remedy;
    }

    /** The denial with the default message and remedy; shared, so deciding allocates nothing. */
    public Decision.Denied denial() {
        return denial;
    }
}
