package dev.orgkit.spi;

import dev.orgkit.EmailAddress;
import dev.orgkit.account.AccountId;
import dev.orgkit.delivery.NoticeKind;
import java.time.Instant;

/**
 * The reads and writes of the account notice outbox in a read-write transaction. Obtained from
 * {@link WriteTransaction#notices()}.
 *
 * @since 0.2.0
 */
public interface NoticeStore extends NoticeReads {

    /**
     * Inserts a new notice. Callers hold a lock that serializes whoever decides notices of this kind
     * for the account (usage notices: {@link PlanStore#lock}; others: {@link AccountStore#lock}) and
     * have found no notice of the same (account, kind, subject); the storage enforces that uniqueness
     * anyway: a duplicate throws {@link dev.orgkit.StorageException}.
     */
    void insert(NoticeRecord notice);

    /**
     * Claims the notice for one attempt, as a single conditional update: only if it is claimable at
     * {@code now} ({@link NoticeRecord#isClaimableAt}), it becomes {@link NoticeRecord#claimed}
     * ({@code claimId}, {@code claimedUntil}, one more attempt, {@code lastAttemptAt = now}). Returns
     * whether it did; of several transactions (in any number of JVMs) that claim one notice at once,
     * at most one gets {@code true} until {@code claimedUntil} has passed.
     */
    boolean claim(AccountId accountId, NoticeKind kind, String subject, String claimId, Instant now,
            Instant claimedUntil);

    /**
     * Replaces the stored notice (same account, kind and subject) with {@code settled} if it is still
     * claimed by {@code claimId}. Returns whether it did.
     */
    boolean settle(NoticeRecord settled, String claimId);

    /**
     * Erasing a user: in the last error of every notice that mentions {@code email} (in any case),
     * the text is lower-cased and each occurrence replaced by {@code pseudonym}, cut to the column's
     * length. One set-based update. Returns how many changed.
     *
     * @since 0.2.0
     */
    int pseudonymizeErrors(EmailAddress email, String pseudonym);
}
