package dev.orgkit.lifecycle;

import dev.orgkit.UserId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What the host does to its users as a whole: erasing one when their account is deleted (GDPR's
 * right to erasure). Obtain it from {@code kit.users()}. Host-trusted: no principal, so only the
 * host's own account-deletion code should reach it. Thread-safe.
 *
 * @since 0.2.0
 */
public interface Users {

    /**
     * Erases the user, in one transaction. Refused with {@code LAST_ADMIN} while the user is the
     * only admin of an organization that has other members (the message names it; the remedy:
     * promote another member, or delete the organization); nothing changes then. Otherwise: every
     * membership ends; each organization where the user was the only member is deleted as by
     * {@code kit.organizations().delete}; the personal account is deleted and its API keys revoked
     * (a later {@code kit.accounts().personal} of the same id makes a new one); the user's email is
     * replaced by the pseudonym {@link #pseudonymOf} wherever orgkit stored it (audit details,
     * invitations they sent or no longer pending to them, mail errors, the contact addresses of the
     * organizations deleted here; see the organization lifecycle guide for what stays); and
     * {@code USER_ERASED} is audited on each account the user left. The invitations the user sent
     * to others stay valid.
     *
     * <p>Idempotent: erasing an unknown or already erased user changes nothing and audits nothing.
     */
    void erase(UserId userId);

    /**
     * The address that replaces an erased user's email wherever orgkit stored it:
     * {@code erased-<the first 16 hex digits of the SHA-256 of the user id>@erased.invalid}: a
     * well-formed address (it also stands in invitations), the same for every email of one user,
     * so that their events still line up, derived from the user id only (never from the email), and
     * never receiving mail ({@code .invalid}, RFC 2606).
     */
    static String pseudonymOf(UserId userId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(userId.value().getBytes(StandardCharsets.UTF_8));
            return "erased-" + HexFormat.of().formatHex(digest, 0, 8) + "@erased.invalid";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
