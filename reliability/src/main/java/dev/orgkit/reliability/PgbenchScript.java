package dev.orgkit.reliability;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns two recordings of the same command ({@link StatementRecorder}) into a pgbench script of the
 * same statements: a parameter equal in both recordings stays a literal; one that differs (ids,
 * token hashes, emails, times) becomes an expression unique to each pgbench transaction; and the
 * recorded organization becomes one organization per pgbench client, as each orgkit thread has its own.
 */
final class PgbenchScript {
    private final String organization;
    private final Map<String, String> variables = new HashMap<>();
    private final long firstStart;

    private PgbenchScript(String organization, long firstStart) {
        this.organization = organization;
        this.firstStart = firstStart;
    }

    /**
     * The script; {@code firstStart} is when the first recording began (epoch milliseconds), so that
     * recorded times become {@code now()} plus the same offset.
     */
    static String of(List<StatementRecorder.Sent> first, List<StatementRecorder.Sent> second, String organization,
            long firstStart) {
        if (first.size() != second.size()) {
            throw new IllegalStateException("the two recordings differ: " + first.size() + " and " + second.size()
                    + " statements");
        }
        var script = new PgbenchScript(organization, firstStart);
        var text = new StringBuilder("\\set u random(1, 9000000000000000)\n");
        for (int i = 0; i < first.size(); i++) {
            StatementRecorder.Sent a = first.get(i);
            StatementRecorder.Sent b = second.get(i);
            if (!a.sql().equals(b.sql())) {
                throw new IllegalStateException("statement " + i + " differs between the recordings");
            }
            text.append(script.statement(a, b)).append(";\n");
        }
        return text.toString();
    }

    private String statement(StatementRecorder.Sent a, StatementRecorder.Sent b) {
        String sql = a.sql().replaceAll("\\s+", " ").trim();
        var out = new StringBuilder();
        int parameter = 0;
        boolean quoted = false;
        for (char c : sql.toCharArray()) {
            if (c == '\'') {
                quoted = !quoted;
            }
            if (c == '?' && !quoted) {
                Object va = a.parameters().get(parameter);
                Object vb = b.parameters().get(parameter);
                out.append(value(va, vb));
                parameter++;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private String value(Object a, Object b) {
        if (organization.equals(a)) {
            return "('" + organization + "c' || :client_id)";
        }
        if (a.equals(b) || a instanceof Number || a instanceof Boolean || "NULL".equals(a)) {
            return literal(a);
        }
        Instant time = instant(a);
        if (time != null) {
            return "(now() + interval '" + (time.toEpochMilli() - firstStart) + " milliseconds')";
        }
        String text = a.toString();
        return variables.computeIfAbsent(text, t -> {
            int n = variables.size();
            if (t.length() == 64 && t.chars().allMatch(ch -> Character.digit(ch, 16) >= 0)) {
                // CHAR(64) as the column: compared as text, PostgreSQL could not use the column's index.
                return "lpad(:u::text || 'v" + n + "', 64, '0')::char(64)";
            }
            int cut = t.indexOf('_') > 0 ? t.indexOf('_') : Math.min(4, t.length());
            return "('" + t.substring(0, cut) + "_' || :u || '_v" + n + "')";
        });
    }

    private static Instant instant(Object value) {
        if (value instanceof Timestamp t) {
            return t.toInstant();
        }
        if (value instanceof OffsetDateTime t) {
            return t.toInstant();
        }
        if (value instanceof Instant t) {
            return t;
        }
        return null;
    }

    private static String literal(Object value) {
        if ("NULL".equals(value)) {
            return "NULL";
        }
        if (value instanceof Number || value instanceof Boolean) {
            return value.toString().toLowerCase(Locale.ROOT);
        }
        Instant time = instant(value);
        if (time != null) {
            return "'" + time + "'::timestamptz";
        }
        if (value instanceof LocalDate date) {
            return "'" + date + "'::date";
        }
        return "'" + value.toString().replace("'", "''") + "'";
    }
}
