package dev.orgkit.spi;

import dev.orgkit.UserId;
import dev.orgkit.account.Account;
import dev.orgkit.account.AccountId;
import dev.orgkit.account.PersonalAccount;
import java.util.Optional;

/**
 * The reads of accounts (personal accounts and organizations) and of the account each user last
 * switched to. Obtained from {@link ReadTransaction#accounts()}; valid only inside that transaction,
 * and used by one thread at a time. Nothing found is an empty {@code Optional}, never null.
 *
 * @since 0.2.0
 */
public interface AccountReads {

    /** The account with this id, of either kind. */
    Optional<Account> find(AccountId id);

    /** The personal account of {@code owner}, if it was created. */
    Optional<PersonalAccount> personalAccountOf(UserId owner);

    /** The account {@code userId} last switched to. */
    Optional<AccountId> activeAccountOf(UserId userId);
}
