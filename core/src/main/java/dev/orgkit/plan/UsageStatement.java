package dev.orgkit.plan;

import dev.orgkit.EmailAddress;
import dev.orgkit.account.AccountId;
import dev.orgkit.apikey.ApiKeyId;
import dev.orgkit.internal.Check;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What an account's API usage came to in one calendar month (UTC): the calls of each key, the total,
 * what the plan included and the overage. The input of the host's invoicing; {@link #toCsv()} is a
 * spreadsheet-safe export.
 *
 * @param accountId the account
 * @param legalName the organization's legal name, or "Personal account"
 * @param invoicingEmail the organization's invoicing email (a personal account: its owner's, if known)
 * @param period the month
 * @param keys the calls of each key that was used in the month, ordered by key id
 * @param total the calls of every key in the month
 * @param included the calls the plan included, as assigned when the statement was made; empty: unlimited
 * @param overage the calls beyond {@code included}; zero when unlimited
 * @since 0.2.0
 */
public record UsageStatement(
        AccountId accountId,
        String legalName,
        Optional<EmailAddress> invoicingEmail,
        YearMonth period,
        List<KeyTotal> keys,
        long total,
        OptionalLong included,
        long overage) {

    /**
     * The calls of one key in the month.
     *
     * @param keyId the key
     * @param keyName its name
     * @param calls its valid verifications in the month
     * @since 0.2.0
     */
    public record KeyTotal(ApiKeyId keyId, String keyName, long calls) {
        /** Rejects missing parts and a negative count. */
        public KeyTotal {
            Check.notNull("keyId", keyId, "keyName", keyName);
            if (calls < 0) {
                throw new IllegalArgumentException("calls must not be negative");
            }
        }
    }

    /** Copies the keys and checks that the sums add up. */
    public UsageStatement {
        Check.notNull("accountId", accountId, "legalName", legalName, "invoicingEmail", invoicingEmail,
                "period", period, "keys", keys, "included", included);
        keys = List.copyOf(keys);
        if (keys.stream().mapToLong(KeyTotal::calls).sum() != total) {
            throw new IllegalArgumentException("total must be the sum of the keys' calls");
        }
        if (overage != (included.isPresent() ? Math.max(0, total - included.getAsLong()) : 0)) {
            throw new IllegalArgumentException("overage must be what the total exceeds the included calls by");
        }
    }

    /** The statement of {@code keys}' calls, with the total and overage worked out. */
    public static UsageStatement of(AccountId accountId, String legalName, Optional<EmailAddress> invoicingEmail,
            YearMonth period, List<KeyTotal> keys, OptionalLong included) {
        long total = keys.stream().mapToLong(KeyTotal::calls).sum();
        long overage = included.isPresent() ? Math.max(0, total - included.getAsLong()) : 0;
        return new UsageStatement(accountId, legalName, invoicingEmail, period, keys, total, included, overage);
    }

    /**
     * The statement as CSV (RFC 4180: comma-separated, CRLF line ends, fields quoted when they hold a
     * comma, a quote or a line break, quotes doubled), one header line, one line per key, then the
     * total, included and overage lines. A text field that a spreadsheet would run as a formula
     * (starting with {@code =}, {@code +}, {@code -}, {@code @}, a tab or a carriage return) is
     * prefixed with {@code '}.
     */
    public String toCsv() {
        var csv = new Csv("period", "account_id", "legal_name", "line", "key_id", "key_name", "calls");
        String month = period.toString();
        for (KeyTotal key : keys) {
            csv.row(month, accountId.value(), legalName, "key", key.keyId().value(), key.keyName(),
                    Long.toString(key.calls()));
        }
        csv.row(month, accountId.value(), legalName, "total", "", "", Long.toString(total));
        csv.row(month, accountId.value(), legalName, "included", "", "",
                included.isPresent() ? Long.toString(included.getAsLong()) : "");
        csv.row(month, accountId.value(), legalName, "overage", "", "", Long.toString(overage));
        return csv.toString();
    }
}
