package dev.orgkit.internal;

import dev.orgkit.StorageException;
import dev.orgkit.UserPrincipal;
import dev.orgkit.account.Account;
import dev.orgkit.account.AccountContext;
import dev.orgkit.account.AccountId;
import dev.orgkit.account.AccountKind;
import dev.orgkit.account.AccountSummary;
import dev.orgkit.account.Accounts;
import dev.orgkit.account.PersonalAccount;
import dev.orgkit.audit.Actor;
import dev.orgkit.audit.AuditAction;
import dev.orgkit.member.Membership;
import dev.orgkit.policy.AccessFacts;
import dev.orgkit.policy.Permission;
import dev.orgkit.spi.ReadTransaction;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** {@link Accounts} on the kernel. */
public final class AccountsService implements Accounts {
    private final Kernel kernel;

    /** Creates the service. */
    public AccountsService(Kernel kernel) {
        this.kernel = kernel;
    }

    @Override
    public PersonalAccount personal(UserPrincipal user) {
        Check.notNull("user", user);
        return kernel.storage.read(tx -> tx.accounts().personalAccountOf(user.userId()))
                .orElseGet(() -> createPersonal(user));
    }

    private PersonalAccount createPersonal(UserPrincipal user) {
        return kernel.storage.write(tx -> {
            Optional<PersonalAccount> existing = tx.accounts().personalAccountOf(user.userId());
            if (existing.isPresent()) {
                return existing.get();
            }
            var account = new PersonalAccount(AccountId.of(kernel.secrets.newId("acct")), user.userId(), kernel.now());
            if (!tx.accounts().insertPersonalAccount(account)) {
                return tx.accounts().personalAccountOf(user.userId()).orElseThrow(() -> new StorageException(
                        "the storage refused a personal account but holds none for the user"));
            }
            kernel.audit(tx, account.id(), Actor.of(user), AuditAction.PERSONAL_ACCOUNT_CREATED,
                    user.userId().value(), Map.of());
            return account;
        });
    }

    @Override
    public List<AccountSummary> overview(UserPrincipal user) {
        PersonalAccount personal = personal(user);
        List<AccountSummary> organizations = kernel.storage.read(tx -> {
            List<AccountSummary> found = new ArrayList<>();
            for (Membership membership : tx.members().ofUser(user.userId())) {
                tx.accounts().find(membership.organizationId()).ifPresent(account -> found.add(new AccountSummary(
                        account.id(), account.kind(), account.displayName(), Optional.of(membership.role()))));
            }
            return found;
        });
        List<AccountSummary> all = new ArrayList<>();
        all.add(new AccountSummary(personal.id(), AccountKind.PERSONAL, personal.displayName(), Optional.empty()));
        organizations.stream()
                .sorted(Comparator.comparing(AccountSummary::name).thenComparing(s -> s.accountId().value()))
                .forEach(all::add);
        return List.copyOf(all);
    }

    @Override
    public AccountContext switchTo(UserPrincipal user, AccountId accountId) {
        Check.notNull("user", user, "accountId", accountId);
        return kernel.storage.write(tx -> {
            Account account = Kernel.account(tx, accountId);
            kernel.require(tx, user, account, Permission.VIEW_ACCOUNT);
            tx.accounts().setActiveAccount(user.userId(), Optional.of(accountId));
            return context(tx, user, account);
        });
    }

    @Override
    public Optional<AccountContext> active(UserPrincipal user) {
        Check.notNull("user", user);
        return kernel.storage.read(tx -> tx.accounts().activeAccountOf(user.userId())
                .flatMap(tx.accounts()::find)
                .filter(account -> kernel.policy.decide(user, Kernel.facts(tx, user, account, false),
                        Permission.VIEW_ACCOUNT).isAllowed())
                .map(account -> context(tx, user, account)));
    }

    private AccountContext context(ReadTransaction tx, UserPrincipal user, Account account) {
        AccessFacts facts = Kernel.facts(tx, user, account, true);
        Set<Permission> allowed = EnumSet.noneOf(Permission.class);
        for (Permission permission : Permission.values()) {
            if (kernel.policy.decide(user, facts, permission).isAllowed()) {
                allowed.add(permission);
            }
        }
        return new AccountContext(account.id(), account.kind(), account.displayName(), facts.role(), allowed);
    }
}
