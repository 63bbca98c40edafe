package dev.orgkit.spi;

import dev.orgkit.account.AccountId;
import dev.orgkit.plan.Plan;
import java.util.List;
import java.util.Optional;

/**
 * The reads of plans and usage alert settings, both keyed by account. Obtained from
 * {@link ReadTransaction#plans()}; valid only inside that transaction. Nothing found is an empty
 * {@code Optional}, {@link AlertSettings#NONE} or an empty list, never null.
 *
 * @since 0.2.0
 */
public interface PlanReads {

    /** The plan assigned to the account; empty if none was (the account is unlimited). */
    Optional<Plan> find(AccountId accountId);

    /** The account's usage alert settings; {@link AlertSettings#NONE} if none were set. */
    AlertSettings alerts(AccountId accountId);

    /**
     * At most {@code limit} ids of accounts that have a plan, ordered by id, starting after
     * {@code after} (exclusive) if given: a keyset page (for the monthly statements).
     */
    List<AccountId> withPlan(Optional<AccountId> after, int limit);
}
