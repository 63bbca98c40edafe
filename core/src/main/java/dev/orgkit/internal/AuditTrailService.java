package dev.orgkit.internal;

import dev.orgkit.Page;
import dev.orgkit.PageRequest;
import dev.orgkit.Principal;
import dev.orgkit.account.Account;
import dev.orgkit.account.AccountId;
import dev.orgkit.audit.AuditEvent;
import dev.orgkit.audit.AuditQuery;
import dev.orgkit.audit.AuditTrail;
import dev.orgkit.policy.Permission;
import java.util.Optional;

/** {@link AuditTrail} on the kernel. */
public final class AuditTrailService implements AuditTrail {
    static final String AUDIT_CURSOR = "audit";

    private final Kernel kernel;

    /** Creates the service. */
    public AuditTrailService(Kernel kernel) {
        this.kernel = kernel;
    }

    @Override
    public Page<AuditEvent> list(Principal principal, AccountId accountId, PageRequest page) {
        return list(principal, accountId, AuditQuery.all(), page);
    }

    @Override
    public Page<AuditEvent> list(Principal principal, AccountId accountId, AuditQuery query, PageRequest page) {
        Check.notNull("principal", principal, "accountId", accountId, "query", query, "page", page);
        Optional<String> before = Cursors.keyOf(page, AUDIT_CURSOR);
        return kernel.storage.read(tx -> {
            Account account = Kernel.visible(tx, principal, accountId, true);
            kernel.require(tx, principal, account, Permission.VIEW_AUDIT_TRAIL);
            return Cursors.page(tx.audit().list(accountId, query, before, page.size() + 1), page, AUDIT_CURSOR,
                    AuditEvent::id);
        });
    }
}
