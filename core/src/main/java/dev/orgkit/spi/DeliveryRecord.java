package dev.orgkit.spi;

import dev.orgkit.account.AccountId;
import dev.orgkit.delivery.DeliveryStatus;
import dev.orgkit.delivery.InvitationDelivery;
import dev.orgkit.invitation.InvitationId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The outbox row of an invitation's mail, as storage keeps it: one per invitation, written in the
 * same transaction as the invitation, and claimed by a dispatcher for each attempt. Holds no
 * secret: the token is minted only when an attempt is dispatched, and {@code lastError} has it
 * redacted.
 *
 * @param invitationId the invitation (the key)
 * @param organizationId the invitation's organization
 * @param status where the mail is
 * @param attempts attempts since the invitation was sent or last resent, counted when claimed
 * @param nextAttemptAt when it is due, while {@code PENDING} or {@code FAILED}
 * @param lastAttemptAt when the last attempt was claimed
 * @param lastError why the last attempt failed (token redacted), or why the mail was not sent
 * @param claimId the id of the attempt that holds the claim
 * @param claimedUntil until when that claim holds; after it another dispatcher may claim again
 * @since 0.1.0
 */
public record DeliveryRecord(
        InvitationId invitationId,
        AccountId organizationId,
        DeliveryStatus status,
        int attempts,
        Instant nextAttemptAt,
        Optional<Instant> lastAttemptAt,
        Optional<String> lastError,
        Optional<String> claimId,
        Optional<Instant> claimedUntil) {

    /** Rejects missing parts and a negative attempt count. */
    public DeliveryRecord {
        Objects.requireNonNull(invitationId, "invitationId");
        Objects.requireNonNull(organizationId, "organizationId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(nextAttemptAt, "nextAttemptAt");
        Objects.requireNonNull(lastAttemptAt, "lastAttemptAt");
        Objects.requireNonNull(lastError, "lastError");
        Objects.requireNonNull(claimId, "claimId");
        Objects.requireNonNull(claimedUntil, "claimedUntil");
        if (attempts < 0) {
            throw new IllegalArgumentException("attempts must not be negative");
        }
    }

    /** A new delivery of an invitation, due at {@code now}: what an invite or a resend writes. */
    public static DeliveryRecord scheduled(InvitationId invitationId, AccountId organizationId, Instant now) {
        return new DeliveryRecord(invitationId, organizationId, DeliveryStatus.PENDING, 0, now, Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** Whether a dispatcher may claim it at {@code now}: waiting, due, and not claimed by a live claim. */
    public boolean isClaimableAt(Instant now) {
        return (status == DeliveryStatus.PENDING || status == DeliveryStatus.FAILED)
                && !nextAttemptAt.isAfter(now)
                && claimedUntil.map(until -> !until.isAfter(now)).orElse(true);
    }

    /** This delivery claimed by attempt {@code id} until {@code until}, counting the attempt made at {@code now}. */
    public DeliveryRecord claimed(String id, Instant now, Instant until) {
        return new DeliveryRecord(invitationId, organizationId, status, attempts + 1, nextAttemptAt,
                Optional.of(now), lastError, Optional.of(id), Optional.of(until));
    }

    /** This delivery, no longer claimed, with a new status, due time and last error. */
    public DeliveryRecord settled(DeliveryStatus newStatus, Instant newNextAttemptAt, Optional<String> error) {
        return new DeliveryRecord(invitationId, organizationId, newStatus, attempts, newNextAttemptAt, lastAttemptAt,
                error, Optional.empty(), Optional.empty());
    }

    /** What admins see of it. */
    public InvitationDelivery view() {
        boolean waiting = status == DeliveryStatus.PENDING || status == DeliveryStatus.FAILED;
        return new InvitationDelivery(invitationId, status, attempts, lastAttemptAt, lastError,
                waiting ? Optional.of(nextAttemptAt) : Optional.empty());
    }
}
