package dev.orgkit.spi;

import dev.orgkit.account.AccountId;
import dev.orgkit.audit.AuditAction;
import dev.orgkit.audit.AuditEvent;
import dev.orgkit.audit.AuditQuery;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The reads of the audit trail. Obtained from {@link ReadTransaction#audit()}; valid only inside
 * that transaction.
 *
 * @since 0.2.0
 */
public interface AuditReads {

    /**
     * At most {@code limit} audit events of the account that match {@code query}
     * ({@link AuditQuery#matches}), newest first (by descending id), starting after {@code before}
     * (exclusive: events with a smaller id) if given; empty if there is none.
     */
    List<AuditEvent> list(AccountId accountId, AuditQuery query, Optional<String> before, int limit);

    /**
     * The events of every account's trail whose target is {@code target} and whose action is one of
     * {@code actions}, in no particular order. Erasing a user reads with it the addresses of
     * memberships that ended before (a user's accepted invitations, departures and removals), so
     * the answer is as long as one user's history; it may read the whole trail to find them.
     *
     * @since 0.2.0
     */
    List<AuditEvent> byTarget(String target, Set<AuditAction> actions);
}
