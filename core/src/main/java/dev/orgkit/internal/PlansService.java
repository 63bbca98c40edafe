package dev.orgkit.internal;

import dev.orgkit.Principal;
import dev.orgkit.account.Account;
import dev.orgkit.account.AccountId;
import dev.orgkit.audit.Actor;
import dev.orgkit.audit.AuditAction;
import dev.orgkit.plan.Plan;
import dev.orgkit.plan.Plans;
import dev.orgkit.policy.Permission;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** {@link Plans} on the kernel; an assignment refreshes this instance's HARD enforcement at once. */
public final class PlansService implements Plans {
    private final Kernel kernel;
    private final PeriodCounters periods;

    /** Creates the service. */
    public PlansService(Kernel kernel, PeriodCounters periods) {
        this.kernel = kernel;
        this.periods = periods;
    }

    @Override
    public Plan assign(AccountId accountId, Plan plan) {
        Check.notNull("accountId", accountId, "plan", plan);
        YearMonth month = YearMonth.from(kernel.now().atOffset(ZoneOffset.UTC));
        long total = kernel.storage.write(tx -> {
            Kernel.lock(tx, accountId);
            Optional<Plan> before = tx.plans().find(accountId);
            tx.plans().put(accountId, plan);
            Map<String, String> details = new LinkedHashMap<>(describe(plan));
            before.ifPresent(old -> describe(old).forEach((key, value) -> details.put("old." + key, value)));
            kernel.audit(tx, accountId, Actor.system(), AuditAction.PLAN_ASSIGNED, accountId.value(), details);
            return plan.isHard() ? UsageWatch.total(tx, accountId, month) : 0L;
        });
        periods.refreshed(accountId, month, 0, plan.isHard() ? Optional.of(total) : Optional.empty(), Optional.of(plan));
        return plan;
    }

    @Override
    public Plan get(Principal principal, AccountId accountId) {
        Check.notNull("principal", principal, "accountId", accountId);
        return kernel.storage.read(tx -> {
            Account account = Kernel.account(tx, accountId);
            kernel.require(tx, principal, account, Permission.VIEW_USAGE);
            return tx.plans().find(accountId).orElse(Plan.unlimited());
        });
    }

    private static Map<String, String> describe(Plan plan) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("monthlyCalls", plan.monthlyCalls().isPresent()
                ? Long.toString(plan.monthlyCalls().getAsLong()) : "unlimited");
        details.put("enforcement", plan.enforcement().name());
        details.put("seats", plan.seats().isPresent() ? Integer.toString(plan.seats().getAsInt()) : "unlimited");
        return details;
    }
}
