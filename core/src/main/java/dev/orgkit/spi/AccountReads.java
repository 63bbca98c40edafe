package dev.orgkit.spi;

import dev.orgkit.UserId;
import dev.orgkit.account.Account;
import dev.orgkit.account.AccountId;
import dev.orgkit.account.PersonalAccount;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The reads of accounts (personal accounts and organizations) and of the account each user last
 * switched to. Obtained from {@link ReadTransaction#accounts()}; valid only inside that transaction,
 * and used by one thread at a time. Nothing found is an empty {@code Optional}, never null.
 *
 * @since 0.2.0
 */
public interface AccountReads {

    /**
     * The account with this id, of either kind, unless it was deleted: a deleted account (R13) is
     * found only by {@link #findDeleted}, so that every command and query answers NOT_FOUND for it.
     */
    Optional<Account> find(AccountId id);

    /**
     * The deleted account with this id, purged or not; empty for an account that is not deleted or
     * never existed.
     *
     * @since 0.2.0
     */
    Optional<DeletedAccount> findDeleted(AccountId id);

    /**
     * At most {@code limit} deleted, unpurged accounts whose restore window ended at or before
     * {@code now}, in any order.
     *
     * @since 0.2.0
     */
    List<AccountId> purgeable(Instant now, int limit);

    /** The personal account of {@code owner}, if it was created and not deleted. */
    Optional<PersonalAccount> personalAccountOf(UserId owner);

    /** The account {@code userId} last switched to. */
    Optional<AccountId> activeAccountOf(UserId userId);
}
