package dev.orgkit.spi;

import dev.orgkit.UserId;
import dev.orgkit.account.AccountId;
import dev.orgkit.support.SupportAction;
import dev.orgkit.support.SupportRequest;
import dev.orgkit.support.SupportRequestId;
import dev.orgkit.support.SupportRequestStatus;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The reads of support requests. Obtained from {@link ReadTransaction#support()}; valid only inside
 * that transaction. Nothing found is an empty {@code Optional} or an empty list, never null.
 *
 * @since 0.2.0
 */
public interface SupportReads {

    /** The support request with this id. */
    Optional<SupportRequest> find(SupportRequestId id);

    /**
     * The request for {@code action} on {@code targetUserId} in the organization whose stored status
     * is PENDING, expired or not. There is at most one.
     */
    Optional<SupportRequest> pending(AccountId organizationId, UserId targetUserId, SupportAction action);

    /**
     * At most {@code limit} support requests of every organization whose status at {@code now} is
     * {@code status}, ordered by id, starting after {@code after} (exclusive) if given. The status at
     * {@code now} is the stored one, except that a stored PENDING request whose {@code expiresAt} is
     * not after {@code now} counts as EXPIRED (and not as PENDING). Requests are returned as stored.
     */
    List<SupportRequest> list(SupportRequestStatus status, Instant now, Optional<SupportRequestId> after, int limit);
}
