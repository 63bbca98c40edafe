package dev.orgkit.spi;

import dev.orgkit.EmailAddress;
import dev.orgkit.UserId;
import dev.orgkit.account.Account;
import dev.orgkit.account.AccountId;
import dev.orgkit.account.PersonalAccount;
import dev.orgkit.apikey.ApiKey;
import dev.orgkit.apikey.ApiKeyId;
import dev.orgkit.apikey.KeyUsage;
import dev.orgkit.audit.AuditEvent;
import dev.orgkit.audit.AuditQuery;
import dev.orgkit.invitation.Invitation;
import dev.orgkit.invitation.InvitationId;
import dev.orgkit.member.Membership;
import dev.orgkit.member.Role;
import dev.orgkit.support.SupportAction;
import dev.orgkit.support.SupportRequest;
import dev.orgkit.support.SupportRequestId;
import dev.orgkit.support.SupportRequestStatus;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * The reads of one storage transaction. Valid only inside the {@code work} it was given to; never
 * returns null; lists are never null and may be empty. Lists that take {@code after} and
 * {@code limit} are keyset pages: their cost does not grow with the number of rows before
 * {@code after}.
 *
 * @since 0.1.0
 */
public interface ReadTransaction {

    /** The account with this id, of either kind. */
    Optional<Account> account(AccountId id);

    /** The personal account of {@code owner}, if it was created. */
    Optional<PersonalAccount> personalAccountOf(UserId owner);

    /** The membership of {@code userId} in the organization. */
    Optional<Membership> membership(AccountId organizationId, UserId userId);

    /** Whether a member of the organization joined with {@code email}. */
    boolean hasMemberWithEmail(AccountId organizationId, EmailAddress email);

    /**
     * At most {@code limit} memberships of the organization, ordered by user id, starting after
     * {@code after} (exclusive) if given.
     */
    List<Membership> memberships(AccountId organizationId, Optional<UserId> after, int limit);

    /** Every membership of {@code userId}, in any order. A user belongs to few organizations. */
    List<Membership> membershipsOf(UserId userId);

    /** How many members of the organization have {@code role}. */
    long countMembers(AccountId organizationId, Role role);

    /** The invitation with this id. */
    Optional<Invitation> invitation(InvitationId id);

    /** The invitation whose current token has this hash. */
    Optional<Invitation> invitationByTokenHash(SecretHash tokenHash);

    /** The invitation of {@code email} to the organization whose stored status is PENDING, expired or not. */
    Optional<Invitation> pendingInvitation(AccountId organizationId, EmailAddress email);

    /**
     * At most {@code limit} invitations of the organization whose stored status is PENDING, ordered
     * by id, starting after {@code after} (exclusive) if given.
     */
    List<Invitation> pendingInvitations(AccountId organizationId, Optional<InvitationId> after, int limit);

    /** The account {@code userId} last switched to. */
    Optional<AccountId> activeAccount(UserId userId);

    /** The support request with this id. */
    Optional<SupportRequest> supportRequest(SupportRequestId id);

    /**
     * The request for {@code action} on {@code targetUserId} in the organization whose stored status
     * is PENDING, expired or not. There is at most one.
     */
    Optional<SupportRequest> pendingSupportRequest(AccountId organizationId, UserId targetUserId,
            SupportAction action);

    /**
     * At most {@code limit} support requests of every organization whose status at {@code now} is
     * {@code status}, ordered by id, starting after {@code after} (exclusive) if given. The status at
     * {@code now} is the stored one, except that a stored PENDING request whose {@code expiresAt} is
     * not after {@code now} counts as EXPIRED (and not as PENDING). Requests are returned as stored.
     */
    List<SupportRequest> supportRequests(SupportRequestStatus status, Instant now, Optional<SupportRequestId> after,
            int limit);

    /**
     * At most {@code limit} audit events of the account that match {@code query}
     * ({@link AuditQuery#matches}), newest first (by descending id), starting after {@code before}
     * (exclusive: events with a smaller id) if given.
     */
    List<AuditEvent> auditEvents(AccountId accountId, AuditQuery query, Optional<String> before, int limit);

    /** The delivery record of the invitation's mail. */
    Optional<DeliveryRecord> delivery(InvitationId invitationId);

    /**
     * At most {@code limit} deliveries a dispatcher may claim at {@code now}
     * ({@link DeliveryRecord#isClaimableAt}: status PENDING or FAILED, {@code nextAttemptAt} not after
     * {@code now}, and no claim that holds after {@code now}), earliest {@code nextAttemptAt} first.
     * A hint only: {@link WriteTransaction#claimDelivery} decides.
     */
    List<DeliveryRecord> dueDeliveries(Instant now, int limit);

    /** The API key with this id, of any account. */
    Optional<ApiKey> apiKey(ApiKeyId id);

    /** The API key whose secret has this SHA-256 (hashes are unique), with its hash. */
    Optional<ApiKeyRecord> apiKeyByHash(SecretHash hash);

    /**
     * At most {@code limit} API keys of the account, revoked and expired ones included, ordered by
     * id, starting after {@code after} (exclusive) if given.
     */
    List<ApiKey> apiKeys(AccountId accountId, Optional<ApiKeyId> after, int limit);

    /**
     * The stored usage of the account's keys from {@code from} to {@code to} (inclusive), one row per
     * (key, day) with at least one request, ordered by day then key id.
     */
    List<KeyUsage> keyUsage(AccountId accountId, LocalDate from, LocalDate to);
}
