package dev.orgkit.plan;

import dev.orgkit.InvalidInputException;
import dev.orgkit.internal.Check;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * What an account's plan includes: API calls per calendar month (UTC), whether reaching them refuses
 * calls, and how many seats (members plus pending invitations) an organization may use. An empty
 * limit is unlimited. Immutable; build it fluently:
 *
 * <pre>{@code
 * Plan pro = Plan.monthly(100_000).enforcement(Enforcement.HARD).seats(25);
 * Plan none = Plan.unlimited();
 * }</pre>
 *
 * @param monthlyCalls the API calls included per month, 1 to {@value #MAX_MONTHLY_CALLS}; empty: unlimited
 * @param enforcement what reaching {@code monthlyCalls} does; {@code HARD} needs a limit
 * @param seats members plus pending invitations allowed, 1 to {@value #MAX_SEATS}; empty: unlimited
 * @since 0.2.0
 */
public record Plan(OptionalLong monthlyCalls, Enforcement enforcement, OptionalInt seats) {
    /** The largest monthly limit: a trillion calls. */
    public static final long MAX_MONTHLY_CALLS = 1_000_000_000_000L;
    /** The largest number of seats. */
    public static final int MAX_SEATS = 1_000_000;

    private static final Plan UNLIMITED = new Plan(OptionalLong.empty(), Enforcement.SOFT, OptionalInt.empty());

    /**
     * Checks every part at once.
     *
     * @throws InvalidInputException listing every violation
     */
    public Plan {
        Check check = Check.nulls("monthlyCalls", monthlyCalls, "enforcement", enforcement, "seats", seats);
        if (monthlyCalls != null && monthlyCalls.isPresent()) {
            check.add("monthlyCalls", callsProblem(monthlyCalls.getAsLong()));
        }
        if (seats != null && seats.isPresent() && (seats.getAsInt() < 1 || seats.getAsInt() > MAX_SEATS)) {
            check.add("seats", "must be from 1 to " + MAX_SEATS);
        }
        if (enforcement == Enforcement.HARD && monthlyCalls != null && monthlyCalls.isEmpty()) {
            check.add("enforcement", "HARD needs a monthlyCalls limit");
        }
        check.throwIfAny();
    }

    /** No limit on calls or seats, nothing enforced: what an account without a plan has. */
    public static Plan unlimited() {
        return UNLIMITED;
    }

    /** {@code calls} included per month, {@link Enforcement#SOFT}, unlimited seats. */
    public static Plan monthly(long calls) {
        Check.single("monthlyCalls", callsProblem(calls));
        return new Plan(OptionalLong.of(calls), Enforcement.SOFT, OptionalInt.empty());
    }

    /** This plan with {@code newEnforcement}. */
    public Plan enforcement(Enforcement newEnforcement) {
        return new Plan(monthlyCalls, newEnforcement, seats);
    }

    /** This plan with {@code count} seats. */
    public Plan seats(int count) {
        return new Plan(monthlyCalls, enforcement, OptionalInt.of(count));
    }

    /** Whether it limits neither calls nor seats. */
    public boolean isUnlimited() {
        return monthlyCalls.isEmpty() && seats.isEmpty();
    }

    /** Whether {@code verify} refuses calls beyond {@code monthlyCalls}. */
    public boolean isHard() {
        return enforcement == Enforcement.HARD;
    }

    private static Optional<String> callsProblem(long calls) {
        return calls < 1 || calls > MAX_MONTHLY_CALLS
                ? Optional.of("must be from 1 to " + MAX_MONTHLY_CALLS) : Optional.empty();
    }
}
