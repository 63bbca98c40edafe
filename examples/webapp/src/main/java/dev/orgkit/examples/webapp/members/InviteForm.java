package dev.orgkit.examples.webapp.members;

import org.jspecify.annotations.Nullable;

/**
 * The "Add a member" form as typed: the invitee's email and the role, {@code ADMIN} or {@code MEMBER}.
 *
 * @param email the address to invite
 * @param role the role the member gets on accepting
 */
public record InviteForm(@Nullable String email, @Nullable String role) {

    /** An empty form, with the Member role chosen. */
    public static InviteForm empty() {
        return new InviteForm("", "MEMBER");
    }
}
