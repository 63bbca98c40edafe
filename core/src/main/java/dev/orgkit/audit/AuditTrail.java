package dev.orgkit.audit;

import dev.orgkit.Page;
import dev.orgkit.PageRequest;
import dev.orgkit.Principal;
import dev.orgkit.account.AccountId;

/**
 * Reads an account's audit trail. Obtain it from {@code kit.audit()}. Thread-safe.
 *
 * @since 0.1.0
 */
public interface AuditTrail {
    /**
     * A page of the account's events, newest first: for its admins, the owner of a personal
     * account, and support.
     */
    Page<AuditEvent> list(Principal principal, AccountId accountId, PageRequest page);

    /**
     * A page of the account's events that match {@code query}, newest first: for its admins, the
     * owner of a personal account, and support. Members are refused ({@code ADMIN_ROLE_REQUIRED}).
     */
    Page<AuditEvent> list(Principal principal, AccountId accountId, AuditQuery query, PageRequest page);
}
