package dev.orgkit.reliability;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;

/**
 * orgkit's tables as the checker reads them, with plain SQL on the schema of
 * {@code spi-jdbc/src/main/resources/db/orgkit/*}: nothing goes through orgkit's code.
 */
final class Snapshot {
    record Event(String account, String id, String actorKind, String actor, String action, String target,
            Map<String, String> details, long at) {}

    record Member(String account, String user, String email, String role) {}

    record Invitation(String account, String id, String email, String status, String delivery, int attempts) {}

    /** A value of a column of an orgkit table that names the erasable users' domain. */
    record Mention(String table, String column, String value) {}

    final List<String> organizations = new ArrayList<>();
    final List<Member> members = new ArrayList<>();
    final List<Invitation> invitations = new ArrayList<>();
    /** In the order of each account's trail: by time, then id. */
    final List<Event> events = new ArrayList<>();
    final Map<String, Long> usage = new HashMap<>();
    /** Every value, in any orgkit table, that names the erasable users' domain: see {@link #readMentions}. */
    final List<Mention> mentions = new ArrayList<>();

    static Snapshot read(DataSource dataSource) throws SQLException {
        var s = new Snapshot();
        try (Connection c = dataSource.getConnection(); Statement q = c.createStatement()) {
            try (ResultSet r = q.executeQuery("SELECT account_id FROM orgkit_accounts WHERE kind = 'ORGANIZATION'")) {
                while (r.next()) {
                    s.organizations.add(r.getString(1));
                }
            }
            try (ResultSet r = q.executeQuery("SELECT account_id, user_id, email, role FROM orgkit_memberships")) {
                while (r.next()) {
                    s.members.add(new Member(r.getString(1), r.getString(2), r.getString(3), r.getString(4)));
                }
            }
            try (ResultSet r = q.executeQuery("""
                    SELECT i.account_id, i.invitation_id, i.email, i.status, d.status, d.attempts
                    FROM orgkit_invitations i
                    LEFT JOIN orgkit_invitation_deliveries d
                      ON d.account_id = i.account_id AND d.invitation_id = i.invitation_id""")) {
                while (r.next()) {
                    String delivery = r.getString(5);
                    s.invitations.add(new Invitation(r.getString(1), r.getString(2), r.getString(3), r.getString(4),
                            delivery == null ? "NONE" : delivery, r.getInt(6)));
                }
            }
            try (ResultSet r = q.executeQuery("""
                    SELECT account_id, event_id, actor_kind, actor_id, action, target, details, at
                    FROM orgkit_audit_events ORDER BY account_id, at, event_id""")) {
                while (r.next()) {
                    s.events.add(new Event(r.getString(1), r.getString(2), r.getString(3), r.getString(4),
                            r.getString(5), r.getString(6), details(r.getString(7)), r.getTimestamp(8).getTime()));
                }
            }
            try (ResultSet r = q.executeQuery(
                    "SELECT key_id, SUM(requests) FROM orgkit_api_key_usage GROUP BY key_id")) {
                while (r.next()) {
                    s.usage.put(r.getString(1), r.getLong(2));
                }
            }
        }
        return s;
    }

    /**
     * Reads into {@link #mentions} every value of every column of every row of every table whose
     * name starts with {@code orgkit_} (found through the metadata, so that a table added later is
     * searched too) that mentions {@link Population#ERASABLE_DOMAIN} in any case, as it is or
     * URL-encoded: the only values where an erasable user's address can be. A full scan, once per run.
     */
    void readMentions(DataSource dataSource) throws SQLException {
        String domain = Population.ERASABLE_DOMAIN.toLowerCase(Locale.ROOT);
        String encoded = URLEncoder.encode(domain, StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
        try (Connection c = dataSource.getConnection(); Statement q = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet r = c.getMetaData().getTables(c.getCatalog(), c.getSchema(), "%", new String[] {"TABLE"})) {
                while (r.next()) {
                    String table = r.getString("TABLE_NAME").toLowerCase(Locale.ROOT);
                    if (table.startsWith("orgkit_")) {
                        tables.add(table);
                    }
                }
            }
            if (!tables.contains("orgkit_audit_events") || !tables.contains("orgkit_invitations")) {
                throw new IllegalStateException("the metadata lists no orgkit tables: " + tables);
            }
            for (String table : tables) {
                try (ResultSet r = q.executeQuery("SELECT * FROM " + table)) {
                    int columns = r.getMetaData().getColumnCount();
                    while (r.next()) {
                        for (int i = 1; i <= columns; i++) {
                            String value = r.getString(i);
                            if (value != null) {
                                String lower = value.toLowerCase(Locale.ROOT);
                                if (lower.contains(domain) || lower.contains(encoded)) {
                                    mentions.add(new Mention(table,
                                            r.getMetaData().getColumnName(i).toLowerCase(Locale.ROOT), value));
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /** The pending invitations that have a mail and whose mail is not sent yet. */
    static List<Invitation> undelivered(DataSource dataSource) throws SQLException {
        Snapshot s = read(dataSource);
        Set<String> links = s.linkInvitations();
        return s.invitations.stream()
                .filter(i -> i.status().equals("PENDING") && !i.delivery().equals("SENT") && !links.contains(i.id()))
                .toList();
    }

    /**
     * The invitations whose link the host delivers ({@code MEMBER_INVITED} with {@code delivery=link})
     * and that were never resent: orgkit owes them no mail. A resend mails a link invitation.
     */
    Set<String> linkInvitations() {
        Set<String> links = new HashSet<>();
        events.stream().filter(e -> e.action().equals("MEMBER_INVITED") && "link".equals(e.details().get("delivery")))
                .forEach(e -> links.add(e.target()));
        events.stream().filter(e -> e.action().equals("INVITATION_RESENT")).forEach(e -> links.remove(e.target()));
        return links;
    }

    /** orgkit's audit details column: {@code application/x-www-form-urlencoded} pairs. */
    static Map<String, String> details(String text) {
        Map<String, String> details = new HashMap<>();
        if (text == null || text.isEmpty()) {
            return details;
        }
        for (String pair : text.split("&")) {
            int equals = pair.indexOf('=');
            details.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
        }
        return details;
    }
}
