package dev.orgkit.spring.web.internal;

import dev.orgkit.EmailAddress;
import dev.orgkit.apikey.ApiKey;
import dev.orgkit.apikey.ApiKeyId;
import dev.orgkit.apikey.CreatedApiKey;
import dev.orgkit.apikey.DailyUsage;
import dev.orgkit.apikey.Environment;
import dev.orgkit.audit.Actor;
import dev.orgkit.audit.AuditAction;
import dev.orgkit.audit.AuditEvent;
import dev.orgkit.plan.Enforcement;
import dev.orgkit.plan.Plan;
import dev.orgkit.plan.UsageStatement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/** API keys, usage, plans and the audit trail as JSON: the Java API's names, ids as strings. */
public final class KeyViews {
    private KeyViews() {}

    /** An API key as members see it: a hint, never the secret. */
    public record ApiKeyView(String id, String accountId, String name, Environment environment, String hint,
            String createdBy, Instant createdAt, @Nullable Instant lastUsedAt, @Nullable Instant expiresAt,
            @Nullable Instant revokedAt, @Nullable String rolledTo) {
        static ApiKeyView of(ApiKey key) {
            return new ApiKeyView(key.id().value(), key.accountId().value(), key.name(), key.environment(), key.hint(),
                    key.createdBy().value(), key.createdAt(), key.lastUsedAt().orElse(null),
                    key.expiresAt().orElse(null), key.revokedAt().orElse(null),
                    key.rolledTo().map(ApiKeyId::value).orElse(null));
        }
    }

    /**
     * A key just created or rolled, with its secret: the only response that ever carries it. Never
     * logged: {@link #toString()} leaves it out.
     */
    public record CreatedApiKeyView(String secret, ApiKeyView apiKey) {
        static CreatedApiKeyView of(CreatedApiKey created) {
            return new CreatedApiKeyView(created.secret(), ApiKeyView.of(created.apiKey()));
        }

        @Override
        public String toString() {
            return "CreatedApiKeyView[secret=<redacted>, apiKey=" + apiKey + "]";
        }
    }

    /** An account's API usage on one day (UTC), in total and per key id. */
    public record DailyUsageView(LocalDate day, long requests, Map<String, Long> byKey) {
        static DailyUsageView of(DailyUsage usage) {
            Map<String, Long> byKey = new LinkedHashMap<>();
            new TreeMap<>(usage.byKey()).forEach((key, requests) -> byKey.put(key.value(), requests));
            return new DailyUsageView(usage.day(), usage.requests(), byKey);
        }
    }

    /** Who made a change: a user, a support agent with the ticket cited, or orgkit itself. */
    public record ActorView(Actor.Kind kind, String id, @Nullable String ticket) {
        static ActorView of(Actor actor) {
            return new ActorView(actor.kind(), actor.id(), actor.ticket().orElse(null));
        }
    }

    /** One event of an account's audit trail. */
    public record AuditEventView(String id, String accountId, ActorView actor, AuditAction action, String target,
            Map<String, String> details, Instant at) {
        static AuditEventView of(AuditEvent event) {
            return new AuditEventView(event.id(), event.accountId().value(), ActorView.of(event.actor()),
                    event.action(), event.target(), new TreeMap<>(event.details()), event.at());
        }
    }

    /** An account's plan; a missing limit ({@code null}) is unlimited. */
    public record PlanView(@Nullable Long monthlyCalls, Enforcement enforcement, @Nullable Integer seats) {
        static PlanView of(Plan plan) {
            return new PlanView(plan.monthlyCalls().isPresent() ? plan.monthlyCalls().getAsLong() : null,
                    plan.enforcement(), plan.seats().isPresent() ? plan.seats().getAsInt() : null);
        }
    }

    /** An account's usage alert thresholds, in percent of its plan's monthly calls, ascending. */
    public record UsageAlertsView(List<Integer> thresholds) {
        static UsageAlertsView of(Set<Integer> thresholds) {
            return new UsageAlertsView(thresholds.stream().sorted().toList());
        }
    }

    /** The calls of one key in a month. */
    public record KeyTotalView(String keyId, String keyName, long calls) {}

    /** An account's usage statement of a month; {@code included} is null when the plan is unlimited. */
    public record UsageStatementView(String accountId, String legalName, @Nullable String invoicingEmail,
            YearMonth period, List<KeyTotalView> keys, long total, @Nullable Long included, long overage) {
        static UsageStatementView of(UsageStatement statement) {
            return new UsageStatementView(statement.accountId().value(), statement.legalName(),
                    statement.invoicingEmail().map(EmailAddress::value).orElse(null), statement.period(),
                    statement.keys().stream().map(key -> new KeyTotalView(key.keyId().value(), key.keyName(),
                            key.calls())).toList(), statement.total(),
                    statement.included().isPresent() ? statement.included().getAsLong() : null, statement.overage());
        }
    }
}
