package dev.orgkit.policy;

import dev.orgkit.Principal;
import dev.orgkit.account.AccountId;

/**
 * The policy engine as hosts call it: reads the account's facts and decides. Obtain it from
 * {@code kit.policy()}. Thread-safe.
 *
 * @since 0.1.0
 */
public interface PolicyEngine {
    /**
     * Whether {@code principal} may do {@code permission} on the account: what a UI asks to show or
     * hide a button. An unknown account, or one the principal may not see, is denied with
     * {@link DenialCode#NOT_FOUND}, the same answer for both (R9).
     */
    Decision decide(Principal principal, AccountId accountId, Permission permission);

    /** The pure rules this engine applies. */
    Policy rules();
}
