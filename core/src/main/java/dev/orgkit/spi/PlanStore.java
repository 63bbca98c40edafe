package dev.orgkit.spi;

import dev.orgkit.account.AccountId;
import dev.orgkit.plan.Plan;
import java.util.Optional;

/**
 * The reads and writes of plans and usage alert settings in a read-write transaction. Obtained from
 * {@link WriteTransaction#plans()}. Commands that write hold the account's lock
 * ({@link AccountStore#lock}).
 *
 * @since 0.2.0
 */
public interface PlanStore extends PlanReads {

    /**
     * Locks the account's plan until this transaction ends and returns it; empty (and nothing
     * locked) if the account has none. The usage flush and the statement scheduler take it before
     * they decide a usage notice, so that several instances decide each notice one after the other
     * (JDBC: {@code SELECT ... FOR UPDATE} on the plan row). It is not the account lock: a flush never
     * waits for a command on the account, nor a command for a flush, except {@link #put} for this one.
     */
    Optional<Plan> lock(AccountId accountId);

    /** Inserts the account's plan, or replaces the one it has. */
    void put(AccountId accountId, Plan plan);

    /** Inserts the account's alert settings, or replaces them; {@link AlertSettings#NONE} may be stored or remove them. */
    void putAlerts(AccountId accountId, AlertSettings settings);
}
