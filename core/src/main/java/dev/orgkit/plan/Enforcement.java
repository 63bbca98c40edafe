package dev.orgkit.plan;

/**
 * What happens when an account's calls in a month reach what its plan includes.
 *
 * @since 0.2.0
 */
public enum Enforcement {
    /** Nothing is refused: alerts go out, and the calls beyond the plan count as overage. */
    SOFT,
    /**
     * {@code verify} answers {@code USAGE_EXCEEDED} once the month's calls reach the plan's
     * {@code monthlyCalls}, until the month ends (or the plan changes). With several instances the
     * limit can be overshot by a bounded amount: see {@code docs/plans-and-usage.md}.
     */
    HARD
}
