package dev.orgkit.jdbc;

import dev.orgkit.EmailAddress;
import dev.orgkit.account.AccountId;
import dev.orgkit.audit.Actor;
import dev.orgkit.audit.AuditAction;
import dev.orgkit.audit.AuditEvent;
import dev.orgkit.audit.AuditQuery;
import dev.orgkit.spi.AuditStore;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The audit trail ({@code orgkit_audit_events}, keyed by (account id, event id)), append only; the
 * details of an event are one text column ({@link AuditDetails}). A page is a range of the primary
 * key, newest first, whatever the filters.
 */
final class JdbcAuditStore extends JdbcStore implements AuditStore {
    // Ends with a line break, so that SQL can follow it directly.
    private static final String COLUMNS = """
            account_id, event_id, actor_kind, actor_id, actor_ticket, action, target, details, at
            """;

    JdbcAuditStore(Sql sql, boolean writable) {
        super(sql, writable);
    }

    @Override
    public List<AuditEvent> list(AccountId accountId, AuditQuery query, Optional<String> before, int limit) {
        List<Object> parameters = new ArrayList<>();
        parameters.add(accountId.value());
        parameters.addAll(query.actions().stream().map(Enum::name).sorted().toList());
        query.actorKind().ifPresent(kind -> parameters.add(kind.name()));
        query.actorId().ifPresent(parameters::add);
        query.from().ifPresent(parameters::add);
        query.until().ifPresent(parameters::add);
        before.ifPresent(parameters::add);
        parameters.add(limit);
        return sql.list("list audit events", page(dialect, query, before.isPresent()), this::auditEvent,
                parameters.toArray());
    }

    /**
     * The audit page query for {@code query}, newest first, after a cursor if {@code after}: a range of
     * the primary key (account id, event id), whatever the filters. Its parameters, in order: the
     * account id, the actions (sorted by name), actor kind, actor id, from, until, the cursor, the limit.
     */
    static String page(Dialect dialect, AuditQuery query, boolean after) {
        StringBuilder where = new StringBuilder(" WHERE account_id = ?");
        if (!query.actions().isEmpty()) {
            where.append(" AND action IN (").append(String.join(", ", Collections.nCopies(query.actions().size(), "?")))
                    .append(')');
        }
        query.actorKind().ifPresent(kind -> where.append(" AND actor_kind = ?"));
        query.actorId().ifPresent(id -> where.append(" AND actor_id = ?"));
        query.from().ifPresent(from -> where.append(" AND at >= ?"));
        query.until().ifPresent(until -> where.append(" AND at < ?"));
        if (after) {
            where.append(" AND event_id < ?");
        }
        return "SELECT " + COLUMNS + " FROM orgkit_audit_events" + where
                + " ORDER BY " + dialect.keysetOrder("account_id DESC", "event_id DESC") + " LIMIT ?";
    }

    /** One query; no index serves it (the trail is not indexed by target), so it reads the trail: an erasure is rare. */
    @Override
    public List<AuditEvent> byTarget(String target, Set<AuditAction> actions) {
        if (actions.isEmpty()) {
            return List.of();
        }
        List<Object> parameters = new ArrayList<>();
        parameters.add(target);
        parameters.addAll(actions.stream().map(Enum::name).sorted().toList());
        return sql.list("find audit events by target", "SELECT " + COLUMNS + " FROM orgkit_audit_events WHERE target = ?"
                + " AND action IN (" + String.join(", ", Collections.nCopies(actions.size(), "?")) + ")",
                this::auditEvent, parameters.toArray());
    }

    @Override
    public void append(AuditEvent event) {
        checkWritable();
        sql.update("append an audit event", "INSERT INTO orgkit_audit_events (" + COLUMNS + """
                ) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                event.accountId().value(), event.id(), event.actor().kind().name(), event.actor().id(),
                event.actor().ticket(), event.action().name(), event.target(), AuditDetails.encode(event.details()),
                event.at());
    }

    /**
     * Finds the events whose encoded details mention the encoded address in any case (one query, a
     * scan of the details: an erasure is rare), and rewrites each whose decoded details mention it.
     */
    @Override
    public int pseudonymize(EmailAddress email, String pseudonym) {
        checkWritable();
        String encoded = URLEncoder.encode(email.value(), StandardCharsets.UTF_8);
        String pattern = "%" + encoded.toLowerCase(Locale.ROOT).replace("!", "!!").replace("%", "!%").replace("_", "!_")
                + "%";
        List<String[]> rows = sql.list("find audit events that name an address", """
                SELECT account_id, event_id, details FROM orgkit_audit_events WHERE LOWER(details) LIKE ? ESCAPE '!'""",
                row -> new String[] {row.getString(1), row.getString(2), row.getString(3)}, pattern);
        int changed = 0;
        for (String[] row : rows) {
            Map<String, String> details = AuditDetails.decode(row[2]);
            if (details.values().stream().noneMatch(value -> value.toLowerCase(Locale.ROOT).contains(email.value()))) {
                continue;
            }
            details.replaceAll((name, value) -> value.toLowerCase(Locale.ROOT).contains(email.value())
                    ? value.toLowerCase(Locale.ROOT).replace(email.value(), pseudonym) : value);
            changed += sql.update("pseudonymize an audit event", """
                    UPDATE orgkit_audit_events SET details = ? WHERE account_id = ? AND event_id = ?""",
                    AuditDetails.encode(details), row[0], row[1]);
        }
        return changed;
    }

    private AuditEvent auditEvent(ResultSet row) throws SQLException {
        Actor actor = new Actor(Actor.Kind.valueOf(row.getString("actor_kind")), row.getString("actor_id"),
                Optional.ofNullable(row.getString("actor_ticket")));
        return new AuditEvent(row.getString("event_id"), AccountId.of(row.getString("account_id")), actor,
                AuditAction.valueOf(row.getString("action")), row.getString("target"),
                AuditDetails.decode(row.getString("details")), dialect.getInstant(row, "at"));
    }
}
