package dev.orgkit.support;

import dev.orgkit.policy.Permission;

/**
 * What an admin asks support to do: demote or remove another admin (R3, R4), or delete the organization
 * while it has other admins (R13).
 *
 * @since 0.1.0
 */
public enum SupportAction {
    /** Make an ADMIN a MEMBER. */
    DEMOTE_ADMIN(Permission.DEMOTE_ADMIN),
    /** Remove an ADMIN from the organization. */
    REMOVE_ADMIN(Permission.REMOVE_ADMIN),
    /**
     * Delete the organization, while it has other admins (R13). The target is the admin who asks.
     * @since 0.2.0
     */
    DELETE_ORGANIZATION(Permission.DELETE_ORGANIZATION);

    private final Permission permission;

    SupportAction(Permission permission) {
        this.permission = permission;
    }

    /** The permission the support agent who performs it needs. */
    public Permission permission() {
        return permission;
    }
}
