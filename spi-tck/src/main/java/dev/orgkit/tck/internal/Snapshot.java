package dev.orgkit.tck.internal;

import dev.orgkit.UserId;
import dev.orgkit.account.AccountId;
import dev.orgkit.apikey.ApiKeyId;
import dev.orgkit.audit.AuditQuery;
import dev.orgkit.invitation.InvitationId;
import dev.orgkit.spi.ReadTransaction;
import dev.orgkit.spi.Storage;
import dev.orgkit.support.SupportRequestId;
import dev.orgkit.support.SupportRequestStatus;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the storage holds about a small world, read in one read transaction straight from the
 * storage SPI (not through the kit, so no permission hides anything). A {@linkplain #full full}
 * snapshot reads accounts, members, pending invitations and their deliveries, API keys, support
 * requests, plans and alert settings, usage, audit trails, each user's memberships and active
 * account, and the due outbox. A {@linkplain #light light} one reads only what changes without an
 * audit event (active accounts, usage): with the count of events the kit published (every other
 * change is audited, and each audit event is published), it tells a call that changed something
 * in a handful of queries. Two snapshots are equal when nothing observable changed;
 * {@link #differencesFrom} names what did.
 */
public final class Snapshot {
    private static final int LIMIT = 500;

    private final Map<String, Object> facts;

    private Snapshot(Map<String, Object> facts) {
        this.facts = facts;
    }

    /**
     * What the world is made of: the ids a snapshot reads around.
     *
     * @param organizations organizations: members and pending invitations are read
     * @param accounts every account (organizations too): the account, keys, plan, alerts, usage, trail
     * @param users memberships, personal and active account of each
     * @param invitations invitations and their deliveries
     * @param keys API keys
     * @param requests support requests
     */
    public record Scope(List<AccountId> organizations, List<AccountId> accounts, List<UserId> users,
            List<InvitationId> invitations, List<ApiKeyId> keys, List<SupportRequestId> requests) {}

    /**
     * Reads everything about {@code scope} as of {@code now}, plus {@code extra} facts the caller
     * observes outside the storage (mails sent, events published).
     */
    public static Snapshot full(Storage storage, Scope scope, Instant now, Map<String, Object> extra) {
        Map<String, Object> facts = storage.read(tx -> read(tx, scope, now));
        facts.putAll(extra);
        return new Snapshot(facts);
    }

    /**
     * Reads what changes without an audit event (each user's active account, the usage of the
     * first account of {@code scope}), plus {@code extra} facts, which must include the count of
     * events the kit published.
     */
    public static Snapshot light(Storage storage, Scope scope, Instant now, Map<String, Object> extra) {
        Map<String, Object> facts = storage.read(tx -> {
            Map<String, Object> read = new LinkedHashMap<>();
            for (UserId id : scope.users()) {
                read.put("active account of " + id, tx.accounts().activeAccountOf(id));
            }
            AccountId first = scope.accounts().get(0);
            LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
            read.put("usage of " + first, tx.usage().keyUsage(first, today.minusDays(31), today.plusDays(1)));
            return read;
        });
        facts.putAll(extra);
        return new Snapshot(facts);
    }

    private static Map<String, Object> read(ReadTransaction tx, Scope scope, Instant now) {
        Map<String, Object> facts = new LinkedHashMap<>();
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        for (AccountId id : scope.organizations()) {
            facts.put("members of " + id, tx.members().list(id, Optional.empty(), LIMIT));
            facts.put("pending invitations of " + id, tx.invitations().listPending(id, Optional.empty(), LIMIT));
        }
        for (AccountId id : scope.accounts()) {
            facts.put("account " + id, tx.accounts().find(id));
            facts.put("API keys of " + id, tx.apiKeys().list(id, Optional.empty(), LIMIT));
            facts.put("plan of " + id, tx.plans().find(id));
            facts.put("alert settings of " + id, tx.plans().alerts(id));
            facts.put("usage of " + id, tx.usage().keyUsage(id, today.minusDays(31), today.plusDays(1)));
            facts.put("audit trail of " + id, tx.audit().list(id, AuditQuery.all(), Optional.empty(), LIMIT));
        }
        for (UserId id : scope.users()) {
            facts.put("memberships of " + id, tx.members().ofUser(id));
            facts.put("personal account of " + id, tx.accounts().personalAccountOf(id));
            facts.put("active account of " + id, tx.accounts().activeAccountOf(id));
        }
        for (InvitationId id : scope.invitations()) {
            facts.put("invitation " + id, tx.invitations().find(id));
            facts.put("delivery of " + id, tx.deliveries().find(id));
        }
        for (ApiKeyId id : scope.keys()) {
            facts.put("API key " + id, tx.apiKeys().find(id));
        }
        for (SupportRequestId id : scope.requests()) {
            facts.put("support request " + id, tx.support().find(id));
        }
        facts.put("pending support requests",
                tx.support().list(SupportRequestStatus.PENDING, now, Optional.empty(), LIMIT));
        Instant later = now.plusSeconds(366L * 24 * 3600);
        facts.put("due deliveries", tx.deliveries().due(later, LIMIT));
        facts.put("due notices", tx.notices().due(later, LIMIT));
        return facts;
    }

    /** What differs from {@code before}, one line per fact; empty when nothing does. */
    public List<String> differencesFrom(Snapshot before) {
        List<String> differences = new ArrayList<>();
        for (Map.Entry<String, Object> fact : facts.entrySet()) {
            Object then = before.facts.get(fact.getKey());
            if (!Objects.equals(then, fact.getValue())) {
                differences.add(fact.getKey() + ": " + shorten(then) + " -> " + shorten(fact.getValue()));
            }
        }
        return differences;
    }

    private static String shorten(Object value) {
        String text = String.valueOf(value);
        return text.length() <= 400 ? text : text.substring(0, 400) + "...";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Snapshot that && facts.equals(that.facts);
    }

    @Override
    public int hashCode() {
        return facts.hashCode();
    }
}
