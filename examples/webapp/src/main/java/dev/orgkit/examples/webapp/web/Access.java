package dev.orgkit.examples.webapp.web;

import dev.orgkit.Principal;
import dev.orgkit.account.AccountId;
import dev.orgkit.policy.Decision;
import dev.orgkit.policy.Permission;
import dev.orgkit.policy.PolicyEngine;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * What the signed-in user may do on one account, asked of {@code kit.policy().decide} once per
 * permission a page needs: templates show a control only when {@link #may} says so, and explain
 * a refusal with {@link #refusal}. The services ask the same engine again when the command runs.
 */
public final class Access {
    private final PolicyEngine policy;
    private final Principal principal;
    private final AccountId accountId;
    private final Map<Permission, Decision> decisions = new EnumMap<>(Permission.class);

    Access(PolicyEngine policy, Principal principal, AccountId accountId) {
        this.policy = policy;
        this.principal = principal;
        this.accountId = accountId;
    }

    /** Whether the user may do {@code permission} (a {@link Permission} name, as templates write it). */
    public boolean may(String permission) {
        return decide(Permission.valueOf(permission)).isAllowed();
    }

    /** Why the user may not do {@code permission}, shown next to its control; empty if allowed. */
    public Optional<Refusal> refusal(String permission) {
        return decide(Permission.valueOf(permission)) instanceof Decision.Denied denied
                ? Optional.of(Refusal.of(permission, denied))
                : Optional.empty();
    }

    private Decision decide(Permission permission) {
        return decisions.computeIfAbsent(permission, p -> policy.decide(principal, accountId, p));
    }
}
