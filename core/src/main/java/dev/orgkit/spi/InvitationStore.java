package dev.orgkit.spi;

import dev.orgkit.EmailAddress;
import dev.orgkit.UserId;
import dev.orgkit.account.AccountId;
import dev.orgkit.invitation.Invitation;
import dev.orgkit.invitation.InvitationId;
import dev.orgkit.invitation.InvitationStatus;
import java.time.Instant;
import java.util.Set;

/**
 * The reads and writes of invitations in a read-write transaction. Callers hold the organization's
 * lock ({@link AccountStore#lock}). Obtained from {@link WriteTransaction#invitations()}. Only the
 * SHA-256 of a token is ever given to the storage.
 *
 * @since 0.2.0
 */
public interface InvitationStore extends InvitationReads {

    /**
     * Inserts an invitation with the hash of its token. The storage enforces at most one PENDING
     * invitation per (organization, email) and unique token hashes: a duplicate throws
     * {@link dev.orgkit.StorageException}.
     */
    void insert(Invitation invitation, SecretHash tokenHash);

    /**
     * Moves an invitation from {@code from} to {@code to} if its stored status is still {@code from}:
     * the single conditional update that makes acceptance happen at most once, even when several
     * transactions (in several JVMs) try at once. Returns whether it moved.
     */
    boolean updateStatus(Invitation invitation, InvitationStatus from, InvitationStatus to);

    /**
     * Moves every PENDING invitation of the organization (expired or not) to REVOKED: one set-based
     * update; their links find a revoked invitation from then on. Returns how many it revoked.
     *
     * @since 0.2.0
     */
    int revokeAllPending(AccountId organizationId);

    /**
     * Erasing a user: replaces by {@code pseudonym} the inviter email of every invitation {@code inviter}
     * sent, whatever its status (a pending one stays valid: its token, email and status are unchanged),
     * and the email of every invitation addressed to one of {@code emails} that is no longer PENDING.
     * Pending invitations to those addresses are left as they are. A fixed number of set-based updates,
     * in every organization. Returns how many invitations changed.
     *
     * @since 0.2.0
     */
    int pseudonymize(UserId inviter, Set<EmailAddress> emails, EmailAddress pseudonym);

    /**
     * Replaces the hash of the invitation's token: from now on only the token with this hash finds it
     * ({@link #findByTokenHash}), and the previous one finds nothing. Token hashes are unique. Does
     * nothing if no invitation has this id.
     */
    void replaceToken(InvitationId id, SecretHash tokenHash);

    /**
     * Sets the expiry of the invitation (a resend gives it a new one); the status is unchanged. Does
     * nothing if no invitation has this id.
     */
    void updateExpiry(InvitationId id, Instant expiresAt);
}
