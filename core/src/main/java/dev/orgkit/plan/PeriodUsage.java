package dev.orgkit.plan;

import dev.orgkit.internal.Check;
import java.math.BigInteger;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * An account's API calls in the current calendar month (UTC), against what its plan includes.
 *
 * @param periodStart the first instant of the month
 * @param periodEnd the first instant of the next month (exclusive)
 * @param used the valid verifications of the month: what was flushed (by every instance) plus this
 *     instance's unflushed count
 * @param included the calls the plan includes; empty: unlimited
 * @param percent {@code used} as a whole percentage of {@code included}, rounded down; empty when unlimited
 * @since 0.2.0
 */
public record PeriodUsage(Instant periodStart, Instant periodEnd, long used, OptionalLong included,
        OptionalInt percent) {
    private static final BigInteger HUNDRED = BigInteger.valueOf(100);

    /** Rejects missing parts and a negative count. */
    public PeriodUsage {
        Check.notNull("periodStart", periodStart, "periodEnd", periodEnd, "included", included, "percent", percent);
        if (used < 0) {
            throw new IllegalArgumentException("used must not be negative");
        }
    }

    /** The usage of {@code month} with its percentage worked out. */
    public static PeriodUsage of(YearMonth month, long used, OptionalLong included) {
        return new PeriodUsage(start(month), start(month.plusMonths(1)), used, included,
                included.isPresent() ? OptionalInt.of(percentOf(used, included.getAsLong())) : OptionalInt.empty());
    }

    /** The calls beyond what the plan includes; zero when unlimited or within it. */
    public long overage() {
        return included.isPresent() ? Math.max(0, used - included.getAsLong()) : 0;
    }

    /** {@code used} as a whole percentage of {@code included} (at least 1), rounded down, at most {@code Integer.MAX_VALUE}. */
    public static int percentOf(long used, long included) {
        if (included < 1) {
            throw new IllegalArgumentException("included must be at least 1");
        }
        if (used <= Long.MAX_VALUE / 100) {
            return (int) Math.min(Integer.MAX_VALUE, used * 100 / included);
        }
        // Beyond 9.2e16 calls the product would overflow a long: exact, on the (never hot) slow path.
        return BigInteger.valueOf(used).multiply(HUNDRED).divide(BigInteger.valueOf(included))
                .min(BigInteger.valueOf(Integer.MAX_VALUE)).intValue();
    }

    private static Instant start(YearMonth month) {
        return month.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}
