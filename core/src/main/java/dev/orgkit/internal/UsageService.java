package dev.orgkit.internal;

import dev.orgkit.Principal;
import dev.orgkit.account.Account;
import dev.orgkit.account.AccountId;
import dev.orgkit.apikey.ApiKeyId;
import dev.orgkit.apikey.DailyUsage;
import dev.orgkit.apikey.KeyUsage;
import dev.orgkit.apikey.Usage;
import dev.orgkit.policy.Permission;
import dev.orgkit.plan.PeriodUsage;
import dev.orgkit.plan.Plan;
import dev.orgkit.plan.UsageStatement;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.OptionalLong;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@link Usage} on the kernel. */
public final class UsageService implements Usage {
    /** The longest range one call reads. */
    static final int MAX_DAYS = 366;

    private final Kernel kernel;
    private final PeriodCounters periods;

    /** Creates the service; {@code periods} holds this instance's unflushed counts. */
    public UsageService(Kernel kernel, PeriodCounters periods) {
        this.kernel = kernel;
        this.periods = periods;
    }

    @Override
    public PeriodUsage currentPeriod(Principal principal, AccountId accountId) {
        Check.notNull("principal", principal, "accountId", accountId);
        YearMonth month = YearMonth.from(kernel.now().atOffset(ZoneOffset.UTC));
        return kernel.storage.read(tx -> {
            Account account = Kernel.account(tx, accountId);
            kernel.require(tx, principal, account, Permission.VIEW_USAGE);
            OptionalLong included = tx.plans().find(accountId).map(Plan::monthlyCalls).orElse(OptionalLong.empty());
            long used = UsageWatch.total(tx, accountId, month) + periods.unflushed(accountId, month);
            return PeriodUsage.of(month, used, included);
        });
    }

    @Override
    public UsageStatement statement(Principal principal, AccountId accountId, YearMonth month) {
        YearMonth current = YearMonth.from(kernel.now().atOffset(ZoneOffset.UTC));
        Check.nulls("principal", principal, "accountId", accountId, "month", month)
                .add("month", month != null && month.isAfter(current)
                        ? Optional.of("must not be in the future (now " + current + ")") : Optional.empty())
                .throwIfAny();
        return kernel.storage.read(tx -> {
            Account account = Kernel.account(tx, accountId);
            kernel.require(tx, principal, account, Permission.VIEW_USAGE);
            return Statements.build(tx, account, month);
        });
    }

    @Override
    public List<DailyUsage> daily(Principal principal, AccountId accountId, LocalDate from, LocalDate to) {
        Check.notNull("principal", principal, "accountId", accountId, "from", from, "to", to);
        if (from.isAfter(to) || ChronoUnit.DAYS.between(from, to) >= MAX_DAYS) {
            new Check().add("to", "must be on or after from, and at most " + MAX_DAYS + " days in all").throwIfAny();
        }
        return kernel.storage.read(tx -> {
            Account account = Kernel.account(tx, accountId);
            kernel.require(tx, principal, account, Permission.VIEW_USAGE);
            Map<LocalDate, Map<ApiKeyId, Long>> byDay = new HashMap<>();
            for (KeyUsage row : tx.usage().keyUsage(accountId, from, to)) {
                byDay.computeIfAbsent(row.day(), day -> new HashMap<>()).merge(row.keyId(), row.requests(), Long::sum);
            }
            List<DailyUsage> days = new ArrayList<>();
            for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
                Map<ApiKeyId, Long> keys = byDay.getOrDefault(day, Map.of());
                long total = keys.values().stream().mapToLong(Long::longValue).sum();
                days.add(new DailyUsage(day, total, keys));
            }
            return days;
        });
    }
}
