package dev.orgkit.spi;

import dev.orgkit.UserId;
import dev.orgkit.account.Account;
import dev.orgkit.account.AccountId;
import dev.orgkit.account.Organization;
import dev.orgkit.account.PersonalAccount;
import java.util.Optional;

/**
 * The reads and writes of accounts in a read-write transaction, and the account lock that
 * serializes every command on one account. Obtained from {@link WriteTransaction#accounts()}.
 *
 * @since 0.2.0
 */
public interface AccountStore extends AccountReads {

    /**
     * Locks the account until this transaction ends and returns its current state; empty if there
     * is no such account. Every command on an account locks it first, so commands on one account
     * are serialized, also across JVMs sharing one database (JDBC: {@code SELECT ... FOR UPDATE} on
     * the account row). A storage may lock more than the account, never less: the in-memory
     * storage serializes every write transaction, whatever the account.
     */
    Optional<Account> lock(AccountId id);

    /**
     * Inserts a personal account unless its owner already has one (which another transaction may
     * have just committed). Returns whether it was inserted; on {@code false} the transaction
     * remains usable and {@link #personalAccountOf} returns the existing one.
     */
    boolean insertPersonalAccount(PersonalAccount account);

    /** Inserts a new organization; account ids are unique. */
    void insertOrganization(Organization organization);

    /**
     * Replaces the organization's profile if its stored version is still {@code expectedVersion}:
     * one conditional update. Returns whether it did.
     */
    boolean updateOrganization(Organization updated, long expectedVersion);

    /** Remembers the account {@code userId} works in; empty forgets it. */
    void setActiveAccount(UserId userId, Optional<AccountId> accountId);
}
