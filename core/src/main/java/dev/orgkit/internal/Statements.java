package dev.orgkit.internal;

import dev.orgkit.EmailAddress;
import dev.orgkit.account.Account;
import dev.orgkit.account.Organization;
import dev.orgkit.apikey.ApiKey;
import dev.orgkit.apikey.ApiKeyId;
import dev.orgkit.apikey.KeyUsage;
import dev.orgkit.plan.Plan;
import dev.orgkit.plan.UsageStatement;
import dev.orgkit.spi.ReadTransaction;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;

/** Builds usage statements and finds where an account's notices go, from state read in one transaction. */
final class Statements {
    private Statements() {}

    /** The statement of the account's month, from the stored usage and the plan assigned now. */
    static UsageStatement build(ReadTransaction tx, Account account, YearMonth month) {
        Map<ApiKeyId, Long> calls = new TreeMap<>();
        for (KeyUsage row : tx.usage().keyUsage(account.id(), month.atDay(1), month.atEndOfMonth())) {
            calls.merge(row.keyId(), row.requests(), Long::sum);
        }
        List<UsageStatement.KeyTotal> keys = new ArrayList<>();
        calls.forEach((keyId, count) -> keys.add(new UsageStatement.KeyTotal(keyId,
                tx.apiKeys().find(keyId).map(ApiKey::name).orElse(keyId.value()), count)));
        String legalName = account instanceof Organization org ? org.legalName() : account.displayName();
        OptionalLong included = tx.plans().find(account.id()).map(Plan::monthlyCalls).orElse(OptionalLong.empty());
        return UsageStatement.of(account.id(), legalName, invoicingEmail(tx, account), month, keys, included);
    }

    /** Where alerts go: the organization's alerting email, or the personal account owner's, if known. */
    static Optional<EmailAddress> alertingEmail(ReadTransaction tx, Account account) {
        return account instanceof Organization org ? Optional.of(org.alertingEmail())
                : tx.plans().alerts(account.id()).ownerEmail();
    }

    /** Where statements go: the organization's invoicing email, or the personal account owner's, if known. */
    static Optional<EmailAddress> invoicingEmail(ReadTransaction tx, Account account) {
        return account instanceof Organization org ? Optional.of(org.invoicingEmail())
                : tx.plans().alerts(account.id()).ownerEmail();
    }
}
