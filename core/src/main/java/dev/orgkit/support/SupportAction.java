package dev.orgkit.support;

import dev.orgkit.policy.Permission;

/**
 * What an admin asks support to do to another admin: the two changes that are support-only (R3, R4).
 *
 * @since 0.1.0
 */
public enum SupportAction {
    /** Make an ADMIN a MEMBER. */
    DEMOTE_ADMIN(Permission.DEMOTE_ADMIN),
    /** Remove an ADMIN from the organization. */
    REMOVE_ADMIN(Permission.REMOVE_ADMIN);

    private final Permission permission;

    SupportAction(Permission permission) {
        this.permission = permission;
    }

    /** The permission the support agent who performs it needs. */
    public Permission permission() {
        return permission;
    }
}
