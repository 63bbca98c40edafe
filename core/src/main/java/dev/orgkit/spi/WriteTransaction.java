package dev.orgkit.spi;

import dev.orgkit.UserId;
import dev.orgkit.account.Account;
import dev.orgkit.account.AccountId;
import dev.orgkit.account.Organization;
import dev.orgkit.account.PersonalAccount;
import dev.orgkit.apikey.ApiKey;
import dev.orgkit.apikey.ApiKeyId;
import dev.orgkit.audit.AuditEvent;
import dev.orgkit.invitation.Invitation;
import dev.orgkit.invitation.InvitationId;
import dev.orgkit.invitation.InvitationStatus;
import dev.orgkit.member.Membership;
import dev.orgkit.member.Role;
import dev.orgkit.support.SupportRequest;
import dev.orgkit.support.SupportRequestStatus;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The reads and writes of one read-write storage transaction. Writes take effect for later reads
 * of the same transaction, and for everyone else when it commits. A write that would break a
 * uniqueness the database enforces throws {@link dev.orgkit.StorageException}; services check the
 * rules first, under {@link #lockAccount}, so that only happens when something else wrote.
 *
 * @since 0.1.0
 */
public interface WriteTransaction extends ReadTransaction {

    /**
     * Locks the account until this transaction ends and returns its current state. Every command
     * on an account locks it first, so commands on one account are serialized (JDBC:
     * {@code SELECT ... FOR UPDATE} on the account row).
     */
    Optional<Account> lockAccount(AccountId id);

    /**
     * Inserts a personal account unless its owner already has one (which another transaction may
     * have just committed). Returns whether it was inserted; on {@code false} the transaction
     * remains usable and {@link #personalAccountOf} returns the existing one.
     */
    boolean insertPersonalAccount(PersonalAccount account);

    /** Inserts a new organization. */
    void insertOrganization(Organization organization);

    /**
     * Replaces the organization's profile if its stored version is still {@code expectedVersion}.
     * Returns whether it did.
     */
    boolean updateOrganization(Organization updated, long expectedVersion);

    /** Inserts a membership; there is at most one per (organization, user). */
    void insertMembership(Membership membership);

    /** Changes the role of an existing membership. */
    void updateRole(AccountId organizationId, UserId userId, Role role);

    /** Deletes a membership; returns whether one existed. */
    boolean deleteMembership(AccountId organizationId, UserId userId);

    /**
     * Inserts an invitation with the hash of its token. At most one PENDING invitation per
     * (organization, email); token hashes are unique.
     */
    void insertInvitation(Invitation invitation, SecretHash tokenHash);

    /**
     * Moves an invitation from {@code from} to {@code to} if its stored status is still {@code from}:
     * the single conditional update that makes acceptance happen at most once. Returns whether it moved.
     */
    boolean updateInvitationStatus(Invitation invitation, InvitationStatus from, InvitationStatus to);

    /** Appends an event to the account's audit trail. Event ids are unique. */
    void appendAudit(AuditEvent event);

    /** Remembers the account {@code userId} works in; empty forgets it. */
    void setActiveAccount(UserId userId, Optional<AccountId> accountId);

    /**
     * Inserts a support request. Ids are unique; at most one request per (organization, target,
     * action) has the stored status PENDING.
     */
    void insertSupportRequest(SupportRequest request);

    /**
     * Replaces the stored support request with {@code updated} (same id) if its stored status is
     * still {@code from}: the single conditional update that decides a request at most once.
     * Returns whether it replaced it.
     */
    boolean updateSupportRequest(SupportRequest updated, SupportRequestStatus from);

    /**
     * Replaces the hash of the invitation's token: from now on only the token with this hash finds it
     * ({@link #invitationByTokenHash}), and the previous one finds nothing. Token hashes are unique.
     * Does nothing if no invitation has this id.
     */
    void replaceInvitationToken(InvitationId id, SecretHash tokenHash);

    /**
     * Sets the expiry of the invitation (a resend gives it a new one); the status is unchanged. Does
     * nothing if no invitation has this id.
     */
    void updateInvitationExpiry(InvitationId id, Instant expiresAt);

    /**
     * Inserts the invitation's delivery record, or replaces the one it has (a resend starts a new
     * delivery; a revoke closes it). Callers hold the organization's lock.
     */
    void putDelivery(DeliveryRecord delivery);

    /**
     * Claims the invitation's delivery for one attempt, as a single conditional update: only if it
     * is claimable at {@code now} ({@link DeliveryRecord#isClaimableAt}), it sets {@code claimId} and
     * {@code claimedUntil}, adds one to {@code attempts} and sets {@code lastAttemptAt} to
     * {@code now} (as {@link DeliveryRecord#claimed}). Returns whether it did. Of several transactions
     * (in any number of JVMs sharing the storage) that claim one delivery at once, at most one gets
     * {@code true} until {@code claimedUntil} has passed (JDBC: {@code UPDATE ... WHERE} the same
     * conditions, one row updated).
     */
    boolean claimDelivery(InvitationId invitationId, String claimId, Instant now, Instant claimedUntil);

    /**
     * Replaces the delivery record with {@code settled} if the stored one is still claimed by
     * {@code claimId} (a resend may have replaced it meanwhile). Returns whether it did.
     */
    boolean settleDelivery(DeliveryRecord settled, String claimId);

    /** Inserts an API key with the SHA-256 of its secret. Key ids and hashes are unique. */
    void insertApiKey(ApiKey key, SecretHash hash);

    /** Sets the key's revocation time unless it is already revoked; returns whether it did. */
    boolean revokeApiKey(ApiKeyId id, Instant at);

    /**
     * Records that the key was rolled to {@code successor} and now expires at {@code expiresAt}, unless it
     * was already rolled: the single conditional update that rolls a key at most once. Returns whether it did.
     */
    boolean markApiKeyRolled(ApiKeyId id, ApiKeyId successor, Instant expiresAt);

    /**
     * Adds each increment to the stored usage of its (key, day), and moves the key's last-used time
     * forward to the increment's {@code lastUsedAt} if that is later. Increments of unknown keys
     * are ignored.
     */
    void addUsage(List<UsageIncrement> batch);
}
