package dev.orgkit.spi;

import dev.orgkit.account.AccountId;
import dev.orgkit.delivery.NoticeKind;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The reads of the account notice outbox (usage alerts, statements, key expiry notices). Obtained
 * from {@link ReadTransaction#notices()}; valid only inside that transaction.
 *
 * @since 0.2.0
 */
public interface NoticeReads {

    /** The notice of this kind and subject of the account. */
    Optional<NoticeRecord> find(AccountId accountId, NoticeKind kind, String subject);

    /**
     * At most {@code limit} notices a dispatcher may claim at {@code now}
     * ({@link NoticeRecord#isClaimableAt}), earliest {@code nextAttemptAt} first. A hint only:
     * {@link NoticeStore#claim} decides.
     */
    List<NoticeRecord> due(Instant now, int limit);
}
