package dev.orgkit.spi;

import dev.orgkit.UserId;
import dev.orgkit.account.Account;
import dev.orgkit.account.AccountId;
import dev.orgkit.account.Organization;
import dev.orgkit.account.PersonalAccount;
import java.time.Instant;
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
     *
     * <p>A deleted account is locked all the same but not returned (empty): a command that waited
     * for a delete to commit finds the account gone, inside its own transaction, and creates
     * nothing in it (R13). The state returned is the one committed when the lock was granted.
     */
    Optional<Account> lock(AccountId id);

    /**
     * Locks the deleted account (as {@link #lock} does) and returns it with its deletion, purged or
     * not; empty if it is not deleted or never existed.
     *
     * @since 0.2.0
     */
    Optional<DeletedAccount> lockDeleted(AccountId id);

    /**
     * Marks the account deleted at {@code deletedAt}, restorable until {@code restoreUntil}, if it is
     * not deleted yet: one conditional update. From then on {@link #find} and {@link #lock} do not
     * return it. A deleted personal account no longer belongs to its owner: {@link #personalAccountOf}
     * finds nothing and a new one may be inserted. Returns whether it marked it.
     *
     * @since 0.2.0
     */
    boolean markDeleted(AccountId id, Instant deletedAt, Instant restoreUntil);

    /**
     * Makes a deleted, unpurged organization live again (the inverse of {@link #markDeleted}), as one
     * conditional update. Returns whether it did.
     *
     * @since 0.2.0
     */
    boolean restore(AccountId id);

    /**
     * Every user whose active account is this one forgets it: one set-based statement, whatever the
     * number of users. Returns how many forgot it.
     *
     * @since 0.2.0
     */
    int forgetActiveAccount(AccountId id);

    /**
     * Removes every row of the deleted account in every feature (memberships, invitations and their
     * deliveries, API keys and their usage, support requests, plan, alert settings, notices) except
     * its audit trail, with a fixed number of set-based statements. The account's own row remains as
     * a tombstone that its audit trail refers to: {@link #findDeleted} returns it as purged. Does
     * nothing if the account is not deleted, or purged already.
     *
     * @since 0.2.0
     */
    void purge(AccountId id);

    /**
     * Inserts a personal account unless its owner already has one (which another transaction may
     * have just committed). Returns whether it was inserted; on {@code false} the transaction
     * remains usable and {@link #personalAccountOf} returns the existing one.
     */
    boolean insertPersonalAccount(PersonalAccount account);

    /** Inserts a new organization; account ids are unique. */
    void insertOrganization(Organization organization);

    /**
     * Writes the organization's profile (legal name, alerting and invoicing email) and version from
     * {@code updated} if its stored version is still {@code expectedVersion}: one conditional update.
     * The account name and the other fields never change. Returns whether it did.
     */
    boolean updateOrganization(Organization updated, long expectedVersion);

    /** Remembers the account {@code userId} works in; empty forgets it. */
    void setActiveAccount(UserId userId, Optional<AccountId> accountId);
}
