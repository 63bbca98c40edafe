package dev.orgkit.spi;

import dev.orgkit.account.AccountId;
import dev.orgkit.delivery.DeliveryStatus;
import dev.orgkit.delivery.NoticeKind;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The outbox row of an account notice (a usage alert, a usage statement, a key expiry notice), as
 * storage keeps it: one per (account, kind, subject), which the storage keeps unique, so that the row
 * is also the mark that the notice was decided, once. Written in the transaction that decides it,
 * and claimed by a dispatcher for each attempt, like an invitation's {@link DeliveryRecord}. The mail
 * itself is written when an attempt is dispatched, from the account's state then.
 *
 * @param accountId the account (the key's first part)
 * @param kind what the notice is
 * @param subject what it is about, per kind (see {@link NoticeKind}); 1 to 100 characters
 * @param status where the mail is
 * @param attempts attempts made, counted when claimed
 * @param nextAttemptAt when it is due, while {@code PENDING} or {@code FAILED}
 * @param lastAttemptAt when the last attempt was claimed
 * @param lastError why the last attempt failed, or why the mail was not sent
 * @param claimId the id of the attempt that holds the claim
 * @param claimedUntil until when that claim holds
 * @since 0.2.0
 */
public record NoticeRecord(
        AccountId accountId,
        NoticeKind kind,
        String subject,
        DeliveryStatus status,
        int attempts,
        Instant nextAttemptAt,
        Optional<Instant> lastAttemptAt,
        Optional<String> lastError,
        Optional<String> claimId,
        Optional<Instant> claimedUntil) {
    /** The longest subject. */
    public static final int MAX_SUBJECT_LENGTH = 100;

    /** Rejects missing parts, a bad subject and a negative attempt count. */
    public NoticeRecord {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(nextAttemptAt, "nextAttemptAt");
        Objects.requireNonNull(lastAttemptAt, "lastAttemptAt");
        Objects.requireNonNull(lastError, "lastError");
        Objects.requireNonNull(claimId, "claimId");
        Objects.requireNonNull(claimedUntil, "claimedUntil");
        if (subject.isEmpty() || subject.length() > MAX_SUBJECT_LENGTH) {
            throw new IllegalArgumentException("a notice subject has 1 to 100 characters");
        }
        if (attempts < 0) {
            throw new IllegalArgumentException("attempts must not be negative");
        }
    }

    /** A new notice, due at {@code now}. */
    public static NoticeRecord scheduled(AccountId accountId, NoticeKind kind, String subject, Instant now) {
        return new NoticeRecord(accountId, kind, subject, DeliveryStatus.PENDING, 0, now, Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** Whether a dispatcher may claim it at {@code now}: waiting, due, and not claimed by a live claim. */
    public boolean isClaimableAt(Instant now) {
        return (status == DeliveryStatus.PENDING || status == DeliveryStatus.FAILED)
                && !nextAttemptAt.isAfter(now)
                && claimedUntil.map(until -> !until.isAfter(now)).orElse(true);
    }

    /** This notice claimed by attempt {@code id} until {@code until}, counting the attempt made at {@code now}. */
    public NoticeRecord claimed(String id, Instant now, Instant until) {
        return new NoticeRecord(accountId, kind, subject, status, attempts + 1, nextAttemptAt, Optional.of(now),
                lastError, Optional.of(id), Optional.of(until));
    }

    /** This notice, no longer claimed, with a new status, due time and last error. */
    public NoticeRecord settled(DeliveryStatus newStatus, Instant newNextAttemptAt, Optional<String> error) {
        return new NoticeRecord(accountId, kind, subject, newStatus, attempts, newNextAttemptAt, lastAttemptAt,
                error, Optional.empty(), Optional.empty());
    }
}
