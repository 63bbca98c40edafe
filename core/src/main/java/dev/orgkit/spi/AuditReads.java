package dev.orgkit.spi;

import dev.orgkit.account.AccountId;
import dev.orgkit.audit.AuditEvent;
import dev.orgkit.audit.AuditQuery;
import java.util.List;
import java.util.Optional;

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
}
