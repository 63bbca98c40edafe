/**
 * Plans, usage quotas, alerts and statements: what an account's plan includes
 * ({@link dev.orgkit.plan.Plan}), how far into it the current month is
 * ({@link dev.orgkit.plan.PeriodUsage}), when to tell someone ({@link dev.orgkit.plan.UsageAlerts}),
 * and what a closed month comes to ({@link dev.orgkit.plan.UsageStatement}). Services:
 * {@link dev.orgkit.plan.Plans}, {@link dev.orgkit.plan.UsageAlerts}, and {@code kit.usage()}.
 */
@NullMarked
package dev.orgkit.plan;

import org.jspecify.annotations.NullMarked;
