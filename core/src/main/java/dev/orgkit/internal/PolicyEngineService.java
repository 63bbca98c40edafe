package dev.orgkit.internal;

import dev.orgkit.Principal;
import dev.orgkit.account.AccountId;
import dev.orgkit.policy.Decision;
import dev.orgkit.policy.DenialCode;
import dev.orgkit.policy.Permission;
import dev.orgkit.policy.Policy;
import dev.orgkit.policy.PolicyEngine;

/** {@link PolicyEngine} on the kernel: reads the facts in one read transaction, then decides. */
public final class PolicyEngineService implements PolicyEngine {
    private final Kernel kernel;

    /** Creates the service. */
    public PolicyEngineService(Kernel kernel) {
        this.kernel = kernel;
    }

    @Override
    public Decision decide(Principal principal, AccountId accountId, Permission permission) {
        Check.notNull("principal", principal, "accountId", accountId, "permission", permission);
        return kernel.storage.read(tx -> tx.accounts().find(accountId)
                .<Decision>map(account -> kernel.policy.decide(principal,
                        Kernel.facts(tx, principal, account, permission == Permission.LEAVE), permission))
                .orElse(Decision.denied(DenialCode.NOT_FOUND)));
    }

    @Override
    public Policy rules() {
        return kernel.policy;
    }
}
