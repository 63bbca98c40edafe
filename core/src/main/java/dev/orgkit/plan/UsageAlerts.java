package dev.orgkit.plan;

import dev.orgkit.Principal;
import dev.orgkit.UserPrincipal;
import dev.orgkit.account.AccountId;
import java.util.Set;

/**
 * When to tell an account about its API usage: thresholds as percentages of the calls its plan
 * includes per month. When a month's usage reaches a threshold, one {@code UsageAlertMail} goes to
 * the organization's alerting email (a personal account: its owner's), once per threshold per month,
 * through the outbox, however many instances run. An account without a {@code monthlyCalls} limit gets
 * no alerts. Obtain it from {@code kit.usageAlerts()}. Thread-safe.
 *
 * @since 0.2.0
 */
public interface UsageAlerts {
    /** The most thresholds an account may have. */
    int MAX_THRESHOLDS = 10;
    /** The highest threshold, in percent. */
    int MAX_PERCENT = 1000;

    /**
     * Replaces the account's thresholds (an empty set turns alerts off): organization admins and the
     * owner of a personal account (whose verified email becomes the alerts' recipient). Audited.
     *
     * @param thresholds 1 to {@value #MAX_PERCENT} each, at most {@value #MAX_THRESHOLDS}
     * @return the thresholds now set, in ascending order
     * @throws dev.orgkit.InvalidInputException listing every bad threshold; nothing is written
     */
    Set<Integer> set(UserPrincipal principal, AccountId accountId, Set<Integer> thresholds);

    /** The account's thresholds in ascending order; empty when none are set. Who may set them reads them. */
    Set<Integer> get(Principal principal, AccountId accountId);
}
