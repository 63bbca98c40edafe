package dev.orgkit.reliability;

import dev.orgkit.UserId;
import dev.orgkit.account.AccountId;
import dev.orgkit.member.Role;
import dev.orgkit.support.SupportAction;
import java.util.Map;
import java.util.Optional;

/**
 * The key that ties a command to the audit event it writes when it commits: computed by a worker
 * before it runs the command, and by the checker from each row of {@code orgkit_audit_events}
 * (action, account, actor, target, details). Commands with the same key are counted together.
 */
final class AuditKeys {
    private AuditKeys() {}

    static String organizationCreated(String actor, String accountName) {
        return join("ORGANIZATION_CREATED", actor, accountName);
    }

    static String invited(AccountId org, UserId actor, String email) {
        return join("MEMBER_INVITED", org.value(), actor.value(), email);
    }

    /** An invitation whose link the host delivers: its event says {@code delivery=link}. */
    static String invitedWithLink(AccountId org, UserId actor, String email) {
        return join("MEMBER_INVITED", org.value(), actor.value(), email, "link");
    }

    /** A plan assigned by the host (the system actor), named by its seats ({@code unlimited} or a number). */
    static String planAssigned(AccountId org, String seats) {
        return join("PLAN_ASSIGNED", org.value(), seats);
    }

    static String organizationDeleted(AccountId org, UserId admin) {
        return join("ORGANIZATION_DELETED", org.value(), admin.value());
    }

    static String organizationRestored(AccountId org, String agent) {
        return join("ORGANIZATION_RESTORED", org.value(), agent);
    }

    static String accepted(UserId invitee, String invitationId) {
        return join("INVITATION_ACCEPTED", invitee.value(), invitationId);
    }

    static String declined(UserId invitee, String invitationId) {
        return join("INVITATION_DECLINED", invitee.value(), invitationId);
    }

    static String resent(UserId admin, String invitationId) {
        return join("INVITATION_RESENT", admin.value(), invitationId);
    }

    static String invitationRevoked(UserId admin, String invitationId) {
        return join("INVITATION_REVOKED", admin.value(), invitationId);
    }

    static String roleChanged(AccountId org, UserId admin, UserId member, Role newRole) {
        return join("MEMBER_ROLE_CHANGED", org.value(), admin.value(), member.value(), newRole.name());
    }

    static String removed(AccountId org, UserId admin, UserId member) {
        return join("MEMBER_REMOVED", org.value(), admin.value(), member.value());
    }

    static String left(AccountId org, UserId member) {
        return join("MEMBER_LEFT", org.value(), member.value());
    }

    static String supportRequested(AccountId org, UserId admin, UserId target, SupportAction action) {
        return join("SUPPORT_REQUESTED", org.value(), admin.value(), target.value(), action.name());
    }

    static String approved(String agent, String requestId) {
        return join("SUPPORT_REQUEST_APPROVED", agent, requestId);
    }

    static String rejected(String agent, String requestId) {
        return join("SUPPORT_REQUEST_REJECTED", agent, requestId);
    }

    /**
     * An erasure (by the host: the system actor): one {@code USER_ERASED} event per account the user
     * leaves, each targeting the user; the command journals how many it expects.
     */
    static String userErased(UserId user) {
        return join("USER_ERASED", user.value());
    }

    static String keyCreated(AccountId account, UserId actor) {
        return join("API_KEY_CREATED", account.value(), actor.value());
    }

    static String keyRolled(UserId actor, String keyId) {
        return join("API_KEY_ROLLED", actor.value(), keyId);
    }

    static String keyRevoked(UserId actor, String keyId) {
        return join("API_KEY_REVOKED", actor.value(), keyId);
    }

    /**
     * The key of a stored event, or empty for the events no client command writes (the outbox's
     * {@code INVITATION_MAIL_*}, written by dispatchers as the system actor).
     */
    static Optional<String> ofEvent(String action, String account, String actor, String target,
            Map<String, String> details) {
        String key = switch (action) {
            case "ORGANIZATION_CREATED" -> join(action, actor, details.get("accountName"));
            case "MEMBER_INVITED" -> "link".equals(details.get("delivery"))
                    ? join(action, account, actor, details.get("email"), "link")
                    : join(action, account, actor, details.get("email"));
            case "PLAN_ASSIGNED" -> join(action, account, details.get("seats"));
            case "ORGANIZATION_DELETED", "ORGANIZATION_RESTORED" -> join(action, account, actor);
            case "INVITATION_ACCEPTED" -> join(action, actor, details.get("invitation"));
            case "INVITATION_DECLINED", "INVITATION_RESENT", "INVITATION_REVOKED", "API_KEY_ROLLED",
                    "API_KEY_REVOKED" -> join(action, actor, target);
            case "MEMBER_ROLE_CHANGED" -> join(action, account, actor, target, details.get("role.after"));
            case "MEMBER_REMOVED" -> join(action, account, actor, target);
            case "MEMBER_LEFT" -> join(action, account, actor);
            case "SUPPORT_REQUESTED" -> join(action, account, actor, target, details.get("supportAction"));
            case "SUPPORT_REQUEST_APPROVED", "SUPPORT_REQUEST_REJECTED" -> join(action, actor, details.get("request"));
            case "API_KEY_CREATED" -> join(action, account, actor);
            case "USER_ERASED" -> join(action, target);
            case "INVITATION_MAIL_SENT", "INVITATION_MAIL_FAILED", "INVITATION_MAIL_GIVEN_UP" -> null;
            default -> join("UNEXPECTED", action, account, actor, target);
        };
        return Optional.ofNullable(key);
    }

    private static String join(String... parts) {
        return String.join("|", parts);
    }
}
