package dev.orgkit.spi;

import dev.orgkit.invitation.InvitationId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The reads of the mail outbox: one delivery record per invitation. Obtained from
 * {@link ReadTransaction#deliveries()}; valid only inside that transaction.
 *
 * @since 0.2.0
 */
public interface DeliveryReads {

    /** The delivery record of the invitation's mail. */
    Optional<DeliveryRecord> find(InvitationId invitationId);

    /**
     * At most {@code limit} deliveries a dispatcher may claim at {@code now}
     * ({@link DeliveryRecord#isClaimableAt}: status PENDING or FAILED, {@code nextAttemptAt} not after
     * {@code now}, and no claim that holds after {@code now}), earliest {@code nextAttemptAt} first.
     * A hint only: {@link DeliveryStore#claim} decides.
     */
    List<DeliveryRecord> due(Instant now, int limit);
}
