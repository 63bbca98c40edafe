package dev.orgkit;

import dev.orgkit.account.Accounts;
import dev.orgkit.account.Organizations;
import dev.orgkit.apikey.ApiKeys;
import dev.orgkit.apikey.Usage;
import dev.orgkit.audit.AuditTrail;
import dev.orgkit.delivery.Deliveries;
import dev.orgkit.internal.AccountsService;
import dev.orgkit.internal.ApiKeyFormat;
import dev.orgkit.internal.ApiKeysService;
import dev.orgkit.internal.AuditTrailService;
import dev.orgkit.internal.Check;
import dev.orgkit.internal.DeliveryService;
import dev.orgkit.internal.DeliverySettings;
import dev.orgkit.internal.InputValidator;
import dev.orgkit.internal.InvitationsService;
import dev.orgkit.internal.Kernel;
import dev.orgkit.internal.LifecycleService;
import dev.orgkit.internal.MembersService;
import dev.orgkit.internal.Observed;
import dev.orgkit.internal.OrganizationsService;
import dev.orgkit.internal.PeriodCounters;
import dev.orgkit.internal.PlansService;
import dev.orgkit.internal.PolicyEngineService;
import dev.orgkit.internal.Secrets;
import dev.orgkit.internal.SupportService;
import dev.orgkit.internal.UsageAlertsService;
import dev.orgkit.internal.UsageService;
import dev.orgkit.invitation.Invitations;
import dev.orgkit.lifecycle.Maintenance;
import dev.orgkit.lifecycle.Users;
import dev.orgkit.member.Members;
import dev.orgkit.plan.Plans;
import dev.orgkit.plan.UsageAlerts;
import dev.orgkit.policy.Policy;
import dev.orgkit.policy.PolicyEngine;
import dev.orgkit.support.Support;
import dev.orgkit.spi.EventListener;
import dev.orgkit.spi.Mailer;
import dev.orgkit.spi.Observer;
import dev.orgkit.spi.Storage;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/**
 * The entry point: one instance per application, built once with {@link #builder()} and shared by
 * every thread. Each accessor returns a thread-safe service.
 *
 * <pre>{@code
 * OrgKit kit = OrgKit.builder()
 *     .storage(InMemoryStorage.create())
 *     .mailer(mail -> smtp.send(mail))
 *     .build();
 * }</pre>
 *
 * @since 0.1.0
 */
public final class OrgKit implements AutoCloseable {
    private final InputValidator validator;
    private final Accounts accounts;
    private final Organizations organizations;
    private final Members members;
    private final Invitations invitations;
    private final AuditTrail audit;
    private final PolicyEngine policy;
    private final Support support;
    private final DeliveryService deliveries;
    private final ApiKeysService apiKeyService;
    private final ApiKeys apiKeys;
    private final Usage usage;
    private final Plans plans;
    private final UsageAlerts usageAlerts;
    private final Users users;
    private final Maintenance maintenance;

    private OrgKit(Builder builder, Storage storage, Mailer mailer) {
        this.validator = new InputValidator();
        var kernel = new Kernel(storage, builder.clock, new Secrets(builder.random), builder.policy, validator,
                builder.invitationTimeToLive, builder.supportRequestTimeToLive, builder.eventListeners);
        this.deliveries = new DeliveryService(kernel, mailer, builder.invitationLink,
                new DeliverySettings(builder.backoffBase, builder.backoffCap, builder.maxAttempts, builder.lease),
                builder.monthlyStatements, builder.keyExpiryNotice);
        var periods = new PeriodCounters();
        this.apiKeyService = new ApiKeysService(kernel, new ApiKeyFormat(builder.apiKeyPrefix), periods);
        // Observed only when someone observes: without an observer the services are handed out as they are.
        @Nullable Observed observed = Observed.of(builder.observers);
        var lifecycle = new LifecycleService(kernel, builder.organizationRestoreWindow);
        this.deliveries.housekeeping(lifecycle::purge);
        this.accounts = observe(observed, Accounts.class, new AccountsService(kernel), "accounts");
        this.organizations = observe(observed, Organizations.class, new OrganizationsService(kernel, lifecycle),
                "organizations");
        this.members = observe(observed, Members.class, new MembersService(kernel, deliveries), "members");
        this.invitations = observe(observed, Invitations.class, new InvitationsService(kernel, deliveries), "invitations");
        this.audit = observe(observed, AuditTrail.class, new AuditTrailService(kernel), "audit");
        this.policy = observe(observed, PolicyEngine.class, new PolicyEngineService(kernel), "policy");
        this.support = observe(observed, Support.class, new SupportService(kernel, lifecycle), "support");
        this.apiKeys = Observed.apiKeys(apiKeyService, observed);
        this.usage = observe(observed, Usage.class, new UsageService(kernel, periods), "usage");
        this.plans = observe(observed, Plans.class, new PlansService(kernel, periods), "plans");
        this.usageAlerts = observe(observed, UsageAlerts.class, new UsageAlertsService(kernel), "usage_alerts");
        this.users = observe(observed, Users.class, lifecycle, "users");
        this.maintenance = observe(observed, Maintenance.class, lifecycle, "maintenance");
    }

    private static <T> T observe(@Nullable Observed observed, Class<T> type, T service, String name) {
        return observed == null ? service : observed.wrap(type, service, name);
    }

    /** A builder; {@link Builder#storage} and {@link Builder#mailer} are required. */
    public static Builder builder() {
        return new Builder();
    }

    /** Personal accounts, the overview of a user's accounts, and the active account. */
    public Accounts accounts() {
        return accounts;
    }

    /** Creating organizations, their profile, and leaving them. */
    public Organizations organizations() {
        return organizations;
    }

    /** Inviting, listing, promoting and removing members. */
    public Members members() {
        return members;
    }

    /** Previewing, accepting and declining invitations; resending, revoking and listing them. */
    public Invitations invitations() {
        return invitations;
    }

    /**
     * The outbox of invitation mails: {@code dispatchPending()} for a host's scheduler, or a
     * background dispatcher.
     */
    public Deliveries deliveries() {
        return deliveries;
    }

    /** The audit trail. */
    public AuditTrail audit() {
        return audit;
    }

    /** The policy engine, for UIs that show or hide what a user may do. */
    public PolicyEngine policy() {
        return policy;
    }

    /** Support requests (admins file, agents approve or reject) and support agents' direct actions. */
    public Support support() {
        return support;
    }

    /** API keys: creating, listing, revoking, rolling, and verifying them on each API call. */
    public ApiKeys apiKeys() {
        return apiKeys;
    }

    /** The API usage of accounts: per day and per key, the current month against the plan, statements. */
    public Usage usage() {
        return usage;
    }

    /**
     * The plans of accounts, assigned by the host's billing.
     *
     * @since 0.2.0
     */
    public Plans plans() {
        return plans;
    }

    /**
     * Usage alert thresholds, and the alert mails they cause.
     *
     * @since 0.2.0
     */
    public UsageAlerts usageAlerts() {
        return usageAlerts;
    }

    /**
     * Erasing users, for the host's account deletion (host-trusted: no principal).
     *
     * @since 0.2.0
     */
    public Users users() {
        return users;
    }

    /**
     * Housekeeping: purging the deleted accounts whose restore window has passed. A background
     * dispatcher runs it after each round.
     *
     * @since 0.2.0
     */
    public Maintenance maintenance() {
        return maintenance;
    }

    /**
     * Stops the background dispatchers still running (waiting for their current round), flushes
     * buffered API key usage (a failure is logged, not thrown), and releases the validator's
     * resources. The storage is the host's and stays open; close it after the kit.
     */
    @Override
    public void close() {
        deliveries.stopDispatchers();
        apiKeyService.flushQuietly();
        validator.close();
    }

    /**
     * Configures an {@link OrgKit}. Not thread-safe; build once at start-up.
     *
     * @since 0.1.0
     */
    public static final class Builder {
        /** The default time an invitation link works. */
        public static final Duration DEFAULT_INVITATION_TTL = Duration.ofDays(7);
        /** The longest time an invitation link may work. */
        public static final Duration MAX_INVITATION_TTL = Duration.ofDays(30);
        /** The default time a support request waits for a decision before it expires. */
        public static final Duration DEFAULT_SUPPORT_REQUEST_TTL = Duration.ofDays(14);
        /** The longest time a support request may wait for a decision. */
        public static final Duration MAX_SUPPORT_REQUEST_TTL = Duration.ofDays(90);
        /**
         * The default time before an API key expires that its expiry notice is mailed.
         *
         * @since 0.2.0
         */
        public static final Duration DEFAULT_KEY_EXPIRY_NOTICE = Duration.ofDays(7);
        /**
         * The longest time before an API key expires that its expiry notice may be mailed.
         *
         * @since 0.2.0
         */
        public static final Duration MAX_KEY_EXPIRY_NOTICE = Duration.ofDays(90);
        /** The default time support may restore a deleted organization. @since 0.2.0 */
        public static final Duration DEFAULT_ORGANIZATION_RESTORE_WINDOW = Duration.ofDays(30);
        /** The longest restore window. @since 0.2.0 */
        public static final Duration MAX_ORGANIZATION_RESTORE_WINDOW = Duration.ofDays(365);

        private @Nullable Storage storage;
        private @Nullable Mailer mailer;
        private Clock clock = Clock.systemUTC();
        private RandomGenerator random = new SecureRandom();
        private Function<String, URI> invitationLink = token -> URI.create("/invitations/" + token);
        private Duration invitationTimeToLive = DEFAULT_INVITATION_TTL;
        private Policy policy = Policy.defaults();
        private Duration supportRequestTimeToLive = DEFAULT_SUPPORT_REQUEST_TTL;
        private Duration organizationRestoreWindow = DEFAULT_ORGANIZATION_RESTORE_WINDOW;
        private final List<EventListener> eventListeners = new ArrayList<>();
        private final List<Observer> observers = new ArrayList<>();
        private Duration backoffBase = DeliverySettings.DEFAULTS.backoffBase();
        private Duration backoffCap = DeliverySettings.DEFAULTS.backoffCap();
        private int maxAttempts = DeliverySettings.DEFAULTS.maxAttempts();
        private Duration lease = DeliverySettings.DEFAULTS.lease();
        private String apiKeyPrefix = ApiKeyFormat.DEFAULT_PREFIX;
        private boolean monthlyStatements;
        private Duration keyExpiryNotice = DEFAULT_KEY_EXPIRY_NOTICE;

        private Builder() {}

        /** Where state lives: {@code InMemoryStorage.create()} or {@code JdbcStorage.create(dataSource)}. */
        public Builder storage(Storage storage) {
            Check.notNull("storage", storage);
            this.storage = storage;
            return this;
        }

        /**
         * What sends orgkit's mails (invitations, usage alerts and statements, key expiry notices);
         * called after commit, never inside a transaction. A failure is recorded and retried (see
         * {@link #deliveryBackoff}); it never undoes the invitation.
         */
        public Builder mailer(Mailer mailer) {
            Check.notNull("mailer", mailer);
            this.mailer = mailer;
            return this;
        }

        /** The clock for every timestamp and expiry; {@link Clock#systemUTC()} by default. */
        public Builder clock(Clock clock) {
            Check.notNull("clock", clock);
            this.clock = clock;
            return this;
        }

        /**
         * The source of every id and secret; a new {@link SecureRandom} by default. Tests may inject a
         * seeded generator; production must not.
         */
        public Builder random(RandomGenerator random) {
            Check.notNull("random", random);
            this.random = random;
            return this;
        }

        /**
         * Builds the accept link of an invitation mail from its token; by default the relative
         * {@code /invitations/<token>}.
         */
        public Builder invitationLink(Function<String, URI> invitationLink) {
            Check.notNull("invitationLink", invitationLink);
            this.invitationLink = invitationLink;
            return this;
        }

        /** How long an invitation link works: 7 days by default, at most 30. */
        public Builder invitationTimeToLive(Duration timeToLive) {
            Check.notNull("invitationTimeToLive", timeToLive);
            if (timeToLive.isNegative() || timeToLive.isZero() || timeToLive.compareTo(MAX_INVITATION_TTL) > 0) {
                new Check().add("invitationTimeToLive", "must be more than zero and at most 30 days").throwIfAny();
            }
            this.invitationTimeToLive = timeToLive;
            return this;
        }

        /**
         * How failed invitation mails are retried: the first retry after {@code base}, each next one
         * after twice the previous wait, never more than {@code cap}. By default one minute, at most
         * six hours.
         */
        public Builder deliveryBackoff(Duration base, Duration cap) {
            Check.notNull("base", base, "cap", cap);
            var check = new Check();
            if (base.isNegative() || base.isZero()) {
                check.add("base", "must be more than zero");
            }
            if (cap.compareTo(base) < 0) {
                check.add("cap", "must be at least the base");
            }
            check.throwIfAny();
            this.backoffBase = base;
            this.backoffCap = cap;
            return this;
        }

        /** How many attempts an invitation mail gets before it is given up: 10 by default, 1 to 100. */
        public Builder deliveryMaxAttempts(int attempts) {
            if (attempts < 1 || attempts > 100) {
                new Check().add("deliveryMaxAttempts", "must be between 1 and 100").throwIfAny();
            }
            this.maxAttempts = attempts;
            return this;
        }

        /**
         * How long one attempt holds its claim on a delivery: 5 minutes by default. Make it longer
         * than the mailer's worst case (its connect and write timeouts): once it has passed, another
         * dispatcher may make a new attempt (with a new link).
         */
        public Builder deliveryLease(Duration lease) {
            Check.notNull("deliveryLease", lease);
            if (lease.isNegative() || lease.isZero()) {
                new Check().add("deliveryLease", "must be more than zero").throwIfAny();
            }
            this.lease = lease;
            return this;
        }

        /** Lets organization members, not only admins, manage API keys (R12); off by default. */
        public Builder membersManageApiKeys(boolean allowed) {
            this.policy = Policy.membersManageApiKeys(allowed);
            return this;
        }

        /**
         * How long a support request waits for a decision before it expires: 14 days by default, at
         * most 90. An expired request can no longer be approved; the admin may file a new one.
         */
        public Builder supportRequestTimeToLive(Duration timeToLive) {
            Check.notNull("supportRequestTimeToLive", timeToLive);
            if (timeToLive.isNegative() || timeToLive.isZero() || timeToLive.compareTo(MAX_SUPPORT_REQUEST_TTL) > 0) {
                new Check().add("supportRequestTimeToLive", "must be more than zero and at most 90 days").throwIfAny();
            }
            this.supportRequestTimeToLive = timeToLive;
            return this;
        }

        /**
         * How long support may restore a deleted organization before purging may remove it: 30 days
         * by default, more than zero and at most 365 days.
         *
         * @since 0.2.0
         */
        public Builder organizationRestoreWindow(Duration window) {
            Check.notNull("organizationRestoreWindow", window);
            if (window.isNegative() || window.isZero() || window.compareTo(MAX_ORGANIZATION_RESTORE_WINDOW) > 0) {
                new Check().add("organizationRestoreWindow", "must be more than zero and at most 365 days").throwIfAny();
            }
            this.organizationRestoreWindow = window;
            return this;
        }

        /**
         * Adds a listener that receives every audit event after its transaction commits; call once
         * per listener. Listeners are called in the order they were added; one that throws is logged
         * and affects neither the command nor the others.
         */
        public Builder eventListener(EventListener listener) {
            Check.notNull("eventListener", listener);
            this.eventListeners.add(listener);
            return this;
        }

        /**
         * Adds an observer that hears every key verification and every call of the services, for
         * metrics; call once per observer. Without any, the services are not wrapped and cost nothing
         * more.
         *
         * @since 0.2.0
         */
        public Builder observer(Observer observer) {
            Check.notNull("observer", observer);
            this.observers.add(observer);
            return this;
        }

        /**
         * The prefix of every API key, such as {@code acme} for {@code acme_live_...}: 1 to 16
         * lower-case letters or digits; {@code ok} by default. Keys with another prefix are
         * {@code MALFORMED}, so choose it once.
         */
        public Builder apiKeyPrefix(String prefix) {
            Check.single("apiKeyPrefix", ApiKeyFormat.prefixProblem(prefix));
            this.apiKeyPrefix = prefix;
            return this;
        }

        /**
         * Mails each account with a plan its {@code UsageStatementMail} for every closed month, to its
         * invoicing email (a personal account: its owner's), once, through the outbox: the first
         * dispatch round of a month schedules the statements of the month before. Off by default.
         *
         * @since 0.2.0
         */
        public Builder monthlyStatements(boolean enabled) {
            this.monthlyStatements = enabled;
            return this;
        }

        /**
         * How long before an API key expires a {@code KeyExpiryNoticeMail} goes to its account's
         * alerting email (a personal account: its owner's, if orgkit knows it), once per key, through
         * the outbox: 7 days by default, at most 90; {@link Duration#ZERO} mails none. A dispatch round
         * ({@code kit.deliveries()}) schedules the notices of the keys that expire within this time,
         * looking at most once a minute; keys that are revoked, rolled or already expired get none,
         * and a notice whose key is revoked or rolled before it is sent is not sent.
         *
         * @since 0.2.0
         */
        public Builder keyExpiryNotice(Duration lead) {
            Check.notNull("keyExpiryNotice", lead);
            if (lead.isNegative() || lead.compareTo(MAX_KEY_EXPIRY_NOTICE) > 0) {
                new Check().add("keyExpiryNotice", "must be zero (no notices) or more, and at most 90 days")
                        .throwIfAny();
            }
            this.keyExpiryNotice = lead;
            return this;
        }

        /** Builds the kit. */
        public OrgKit build() {
            Check.notNull("storage", storage, "mailer", mailer);
            return new OrgKit(this, storage, mailer);
        }
    }
}
