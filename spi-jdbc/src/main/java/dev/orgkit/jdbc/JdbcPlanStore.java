package dev.orgkit.jdbc;

import dev.orgkit.EmailAddress;
import dev.orgkit.account.AccountId;
import dev.orgkit.plan.Enforcement;
import dev.orgkit.plan.Plan;
import dev.orgkit.spi.AlertSettings;
import dev.orgkit.spi.PlanStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Plans ({@code orgkit_plans}) and usage alert settings ({@code orgkit_usage_alerts}), one row each
 * per account. The plan lock is {@code SELECT ... FOR UPDATE} on the plan row, which no command
 * takes but an assignment (under the account's lock), so a usage flush never waits for commands.
 */
final class JdbcPlanStore extends JdbcStore implements PlanStore {
    private static final String PLAN = "SELECT monthly_calls, enforcement, seats FROM orgkit_plans WHERE account_id = ?";

    JdbcPlanStore(Sql sql, boolean writable) {
        super(sql, writable);
    }

    @Override
    public Optional<Plan> find(AccountId accountId) {
        return sql.first("read a plan", PLAN, JdbcPlanStore::plan, accountId.value());
    }

    @Override
    public AlertSettings alerts(AccountId accountId) {
        return sql.first("read usage alert settings", """
                SELECT thresholds, owner_email FROM orgkit_usage_alerts WHERE account_id = ?""",
                JdbcPlanStore::alerts, accountId.value()).orElse(AlertSettings.NONE);
    }

    @Override
    public List<AccountId> withPlan(Optional<AccountId> after, int limit) {
        return sql.list("list accounts with a plan", """
                SELECT account_id FROM orgkit_plans WHERE account_id > ? ORDER BY account_id LIMIT ?""",
                row -> AccountId.of(row.getString("account_id")), after.map(AccountId::value).orElse(""), limit);
    }

    @Override
    public Optional<Plan> lock(AccountId accountId) {
        checkWritable();
        return sql.first("lock a plan", PLAN + " FOR UPDATE", JdbcPlanStore::plan, accountId.value());
    }

    @Override
    public void put(AccountId accountId, Plan plan) {
        checkWritable();
        Optional<Long> calls = plan.monthlyCalls().isPresent() ? Optional.of(plan.monthlyCalls().getAsLong())
                : Optional.empty();
        Optional<Integer> seats = plan.seats().isPresent() ? Optional.of(plan.seats().getAsInt()) : Optional.empty();
        // The caller holds the account's lock: nobody inserts this row between the two statements.
        int updated = sql.update("replace a plan", """
                UPDATE orgkit_plans SET monthly_calls = ?, enforcement = ?, seats = ? WHERE account_id = ?""",
                calls, plan.enforcement().name(), seats, accountId.value());
        if (updated == 0) {
            sql.update("insert a plan", """
                    INSERT INTO orgkit_plans (account_id, monthly_calls, enforcement, seats) VALUES (?, ?, ?, ?)""",
                    accountId.value(), calls, plan.enforcement().name(), seats);
        }
    }

    @Override
    public void putAlerts(AccountId accountId, AlertSettings settings) {
        checkWritable();
        String thresholds = settings.thresholds().stream().map(String::valueOf).collect(Collectors.joining(","));
        Optional<String> owner = settings.ownerEmail().map(EmailAddress::value);
        int updated = sql.update("replace usage alert settings", """
                UPDATE orgkit_usage_alerts SET thresholds = ?, owner_email = ? WHERE account_id = ?""",
                thresholds, owner, accountId.value());
        if (updated == 0) {
            sql.update("insert usage alert settings", """
                    INSERT INTO orgkit_usage_alerts (account_id, thresholds, owner_email) VALUES (?, ?, ?)""",
                    accountId.value(), thresholds, owner);
        }
    }

    private static Plan plan(ResultSet row) throws SQLException {
        long calls = row.getLong("monthly_calls");
        OptionalLong monthlyCalls = row.wasNull() ? OptionalLong.empty() : OptionalLong.of(calls);
        int count = row.getInt("seats");
        OptionalInt seats = row.wasNull() ? OptionalInt.empty() : OptionalInt.of(count);
        return new Plan(monthlyCalls, Enforcement.valueOf(row.getString("enforcement")), seats);
    }

    private static AlertSettings alerts(ResultSet row) throws SQLException {
        String list = row.getString("thresholds");
        var thresholds = new TreeSet<Integer>();
        if (!list.isEmpty()) {
            Arrays.stream(list.split(",")).map(Integer::valueOf).forEach(thresholds::add);
        }
        return new AlertSettings(thresholds, Optional.ofNullable(row.getString("owner_email")).map(EmailAddress::of));
    }
}
