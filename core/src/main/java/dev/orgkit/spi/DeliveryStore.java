package dev.orgkit.spi;

import dev.orgkit.EmailAddress;
import dev.orgkit.account.AccountId;
import dev.orgkit.invitation.InvitationId;
import java.time.Instant;

/**
 * The reads and writes of the mail outbox in a read-write transaction. Obtained from
 * {@link WriteTransaction#deliveries()}.
 *
 * @since 0.2.0
 */
public interface DeliveryStore extends DeliveryReads {

    /**
     * Inserts the invitation's delivery record, or replaces the one it has (a resend starts a new
     * delivery; a revoke closes it). Callers hold the organization's lock.
     */
    void put(DeliveryRecord delivery);

    /**
     * Gives up every waiting (PENDING or FAILED) delivery of the organization's invitations, with
     * {@code why} as its last error and no claim (as a revoke does): one set-based update; no mail of
     * them goes out any more, and an attempt under way cannot settle it. Returns
     * how many it gave up. Callers hold the organization's lock.
     *
     * @since 0.2.0
     */
    int cancelAll(AccountId organizationId, String why);

    /**
     * Claims the invitation's delivery for one attempt, as a single conditional update: only if it
     * is claimable at {@code now} ({@link DeliveryRecord#isClaimableAt}), it sets {@code claimId} and
     * {@code claimedUntil}, adds one to {@code attempts} and sets {@code lastAttemptAt} to
     * {@code now} (as {@link DeliveryRecord#claimed}). Returns whether it did. Of several transactions
     * (in any number of JVMs sharing the storage) that claim one delivery at once, at most one gets
     * {@code true} until {@code claimedUntil} has passed (JDBC: {@code UPDATE ... WHERE} the same
     * conditions, one row updated).
     */
    boolean claim(InvitationId invitationId, String claimId, Instant now, Instant claimedUntil);

    /**
     * Replaces the delivery record with {@code settled} if the stored one is still claimed by
     * {@code claimId} (a resend may have replaced it meanwhile). Returns whether it did.
     */
    boolean settle(DeliveryRecord settled, String claimId);

    /**
     * Erasing a user: in the last error of every invitation delivery that mentions {@code email} (in any case),
     * the text is lower-cased and each occurrence replaced by {@code pseudonym}, cut to the column's
     * length. One set-based update. Returns how many changed.
     *
     * @since 0.2.0
     */
    int pseudonymizeErrors(EmailAddress email, String pseudonym);
}
