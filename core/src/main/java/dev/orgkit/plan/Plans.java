package dev.orgkit.plan;

import dev.orgkit.Principal;
import dev.orgkit.account.AccountId;

/**
 * The plans of accounts: assigned by the host's billing, read by the account's admins. Obtain it from
 * {@code kit.plans()}. Thread-safe.
 *
 * @since 0.2.0
 */
public interface Plans {

    /**
     * Assigns {@code plan} to the account, replacing the one it had: a trusted call of the host's
     * billing (no principal), audited {@code PLAN_ASSIGNED} with the system actor. It takes effect
     * at once on this instance, and on other instances at their next usage flush.
     * {@link Plan#unlimited()} removes every limit.
     *
     * @return the plan now assigned
     * @throws dev.orgkit.NotFoundException if there is no such account
     */
    Plan assign(AccountId accountId, Plan plan);

    /**
     * The account's plan; {@link Plan#unlimited()} when none was assigned (there is no hidden
     * default). Organization admins and the owner of a personal account read it; anyone else who is
     * not a member gets {@code NOT_FOUND} (R9).
     */
    Plan get(Principal principal, AccountId accountId);
}
