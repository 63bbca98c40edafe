package dev.orgkit.internal;

import dev.orgkit.Principal;
import dev.orgkit.UserPrincipal;
import dev.orgkit.account.Account;
import dev.orgkit.account.AccountId;
import dev.orgkit.account.PersonalAccount;
import dev.orgkit.audit.Actor;
import dev.orgkit.audit.AuditAction;
import dev.orgkit.plan.UsageAlerts;
import dev.orgkit.policy.Permission;
import dev.orgkit.spi.AlertSettings;
import dev.orgkit.InvalidInputException.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * {@link UsageAlerts} on the kernel. Whoever may read the account's usage (organization admins, a
 * personal account's owner) sets its thresholds.
 */
public final class UsageAlertsService implements UsageAlerts {
    private final Kernel kernel;

    /** Creates the service. */
    public UsageAlertsService(Kernel kernel) {
        this.kernel = kernel;
    }

    @Override
    public Set<Integer> set(UserPrincipal principal, AccountId accountId, Set<Integer> thresholds) {
        Check check = Check.nulls("principal", principal, "accountId", accountId, "thresholds", thresholds);
        check.addAll(problems(thresholds)).throwIfAny();
        return kernel.storage.write(tx -> {
            Account account = Kernel.lock(tx, accountId);
            kernel.require(tx, principal, account, Permission.VIEW_USAGE);
            var settings = AlertSettings.of(thresholds, account instanceof PersonalAccount
                    ? Optional.of(principal.verifiedEmail()) : Optional.empty());
            tx.plans().putAlerts(accountId, settings);
            kernel.audit(tx, accountId, Actor.of(principal), AuditAction.USAGE_ALERTS_SET, accountId.value(),
                    Map.of("thresholds", settings.thresholds().stream().map(String::valueOf)
                            .collect(Collectors.joining(","))));
            return settings.thresholds();
        });
    }

    @Override
    public Set<Integer> get(Principal principal, AccountId accountId) {
        Check.notNull("principal", principal, "accountId", accountId);
        return kernel.storage.read(tx -> {
            Account account = Kernel.account(tx, accountId);
            kernel.require(tx, principal, account, Permission.VIEW_USAGE);
            return tx.plans().alerts(accountId).thresholds();
        });
    }

    /** Every problem of the thresholds: too many, a null, and each value out of range (named by its value). */
    static List<Violation> problems(@Nullable Set<Integer> thresholds) {
        List<Violation> problems = new ArrayList<>();
        if (thresholds == null) {
            return problems;
        }
        if (thresholds.size() > MAX_THRESHOLDS) {
            problems.add(new Violation("thresholds",
                    "must have at most " + MAX_THRESHOLDS + " values, not " + thresholds.size()));
        }
        if (thresholds.stream().anyMatch(Objects::isNull)) {
            problems.add(new Violation("thresholds", "must not contain null"));
        }
        for (int threshold : new TreeSet<>(thresholds.stream().filter(Objects::nonNull).toList())) {
            if (threshold < 1 || threshold > MAX_PERCENT) {
                problems.add(new Violation("thresholds[" + threshold + "]",
                        "must be from 1 to " + MAX_PERCENT + " percent"));
            }
        }
        return problems;
    }
}
