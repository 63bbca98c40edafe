package dev.orgkit.internal;

import dev.orgkit.Principal;
import dev.orgkit.account.Account;
import dev.orgkit.account.AccountId;
import dev.orgkit.apikey.ApiKeyId;
import dev.orgkit.apikey.DailyUsage;
import dev.orgkit.apikey.KeyUsage;
import dev.orgkit.apikey.Usage;
import dev.orgkit.policy.Permission;
import java.time.LocalDate;
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

    /** Creates the service. */
    public UsageService(Kernel kernel) {
        this.kernel = kernel;
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
