package dev.orgkit;

import dev.orgkit.account.Accounts;
import dev.orgkit.account.Organizations;
import dev.orgkit.audit.AuditTrail;
import dev.orgkit.internal.AccountsService;
import dev.orgkit.internal.AuditTrailService;
import dev.orgkit.internal.Check;
import dev.orgkit.internal.InputValidator;
import dev.orgkit.internal.InvitationMailing;
import dev.orgkit.internal.InvitationsService;
import dev.orgkit.internal.Kernel;
import dev.orgkit.internal.MembersService;
import dev.orgkit.internal.OrganizationsService;
import dev.orgkit.internal.PolicyEngineService;
import dev.orgkit.internal.Secrets;
import dev.orgkit.invitation.Invitations;
import dev.orgkit.member.Members;
import dev.orgkit.policy.Policy;
import dev.orgkit.policy.PolicyEngine;
import dev.orgkit.spi.Mailer;
import dev.orgkit.spi.Storage;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
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

    private OrgKit(Builder builder, Storage storage, Mailer mailer) {
        this.validator = new InputValidator();
        var kernel = new Kernel(storage, builder.clock, new Secrets(builder.random), builder.policy, validator,
                builder.invitationTimeToLive);
        var mailing = new InvitationMailing(mailer, builder.invitationLink);
        this.accounts = new AccountsService(kernel);
        this.organizations = new OrganizationsService(kernel);
        this.members = new MembersService(kernel, mailing);
        this.invitations = new InvitationsService(kernel, mailing);
        this.audit = new AuditTrailService(kernel);
        this.policy = new PolicyEngineService(kernel);
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

    /** Previewing and accepting invitations, and the pending ones. */
    public Invitations invitations() {
        return invitations;
    }

    /** The audit trail. */
    public AuditTrail audit() {
        return audit;
    }

    /** The policy engine, for UIs that show or hide what a user may do. */
    public PolicyEngine policy() {
        return policy;
    }

    /** Releases the validator's resources. The storage is the host's and stays open. */
    @Override
    public void close() {
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

        private @Nullable Storage storage;
        private @Nullable Mailer mailer;
        private Clock clock = Clock.systemUTC();
        private RandomGenerator random = new SecureRandom();
        private Function<String, URI> invitationLink = token -> URI.create("/invitations/" + token);
        private Duration invitationTimeToLive = DEFAULT_INVITATION_TTL;
        private Policy policy = Policy.defaults();

        private Builder() {}

        /** Where state lives: {@code InMemoryStorage.create()} or {@code JdbcStorage.create(dataSource)}. */
        public Builder storage(Storage storage) {
            Check.notNull("storage", storage);
            this.storage = storage;
            return this;
        }

        /** What sends invitation mails; called after commit, never inside a transaction. */
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

        /** Lets organization members, not only admins, manage API keys (R12); off by default. */
        public Builder membersManageApiKeys(boolean allowed) {
            this.policy = Policy.membersManageApiKeys(allowed);
            return this;
        }

        /** Builds the kit. */
        public OrgKit build() {
            Check.notNull("storage", storage, "mailer", mailer);
            return new OrgKit(this, storage, mailer);
        }
    }
}
