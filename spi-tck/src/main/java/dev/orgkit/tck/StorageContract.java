package dev.orgkit.tck;

import dev.orgkit.spi.Storage;
import org.junit.jupiter.api.Nested;

/**
 * The whole storage contract, through orgkit's public API. A storage implementation extends this
 * class, implements {@link #newStorage()} (a new, empty storage per test), and passes every test:
 *
 * <pre>{@code
 * class MyStorageTest extends StorageContract {
 *     protected Storage newStorage() { return MyStorage.create(...); }
 * }
 * }</pre>
 *
 * <p>Each part of the contract is a nested class that runs on the storage this class makes. The
 * randomized parts print their seed; replay a failure with {@code -Dorgkit.seed=<seed>}. A storage
 * with slow transactions may lower {@link #concurrencyRounds()}, {@link #statefulSequences()} and
 * {@link #statefulSteps()}.
 *
 * @since 0.1.0
 */
public abstract class StorageContract {

    /**
     * A new, empty storage. Called once per test, and again for every sequence (and shrinking
     * replay) of the stateful test: each call must give a storage with no state at all.
     */
    protected abstract Storage newStorage();

    /**
     * How many rounds each race of {@link ConcurrencyContract} runs; a storage with slow
     * transactions (a database) may return less. Default: {@code -Dorgkit.concurrency.rounds} or
     * {@value ConcurrencyContract#DEFAULT_ROUNDS}.
     */
    protected int concurrencyRounds() {
        return ConcurrencyContract.configuredRounds();
    }

    /**
     * How many random sequences {@link StatefulContract} runs; a database storage may return less.
     * Default: {@code -Dorgkit.stateful.sequences} or {@value StatefulContract#DEFAULT_SEQUENCES}.
     */
    protected int statefulSequences() {
        return StatefulContract.configuredSequences();
    }

    /**
     * How many commands each sequence of {@link StatefulContract} has. Default:
     * {@code -Dorgkit.stateful.steps} or {@value StatefulContract#DEFAULT_STEPS}.
     */
    protected int statefulSteps() {
        return StatefulContract.configuredSteps();
    }

    /** Accounts: the personal account, the overview, and the active account. */
    @Nested
    class Accounts extends AccountsContract {
        @Override
        protected Storage newStorage() {
            return StorageContract.this.newStorage();
        }
    }

    /** Organizations: create, get, edit the profile, leave. */
    @Nested
    class Organizations extends OrganizationsContract {
        @Override
        protected Storage newStorage() {
            return StorageContract.this.newStorage();
        }
    }

    /** Members: inviting, joining, listing, promoting and removing. */
    @Nested
    class Members extends MembersContract {
        @Override
        protected Storage newStorage() {
            return StorageContract.this.newStorage();
        }
    }

    /** Invitations: preview, accept, the pending list, the token's secrecy. */
    @Nested
    class Invitations extends InvitationsContract {
        @Override
        protected Storage newStorage() {
            return StorageContract.this.newStorage();
        }
    }

    /** The rules R1 to R12, one test each, with the policy engine agreeing. */
    @Nested
    class Rules extends RulesContract {
        @Override
        protected Storage newStorage() {
            return StorageContract.this.newStorage();
        }
    }

    /** Every input validated, every violation listed, nothing written. */
    @Nested
    class Validation extends ValidationContract {
        @Override
        protected Storage newStorage() {
            return StorageContract.this.newStorage();
        }
    }

    /** Every public method, fed hostile input, answers with orgkit's exceptions only and changes nothing. */
    @Nested
    class HostileInput extends HostileInputContract {
        @Override
        protected Storage newStorage() {
            return StorageContract.this.newStorage();
        }
    }

    /** Deleting, restoring and purging organizations, and erasing users (R13), with their races. */
    @Nested
    class OrganizationLifecycle extends OrganizationLifecycleContract {
        @Override
        protected Storage newStorage() {
            return StorageContract.this.newStorage();
        }

        @Override
        protected int rounds() {
            return Math.min(concurrencyRounds(), 20);
        }
    }

    /** Rules that hold under real concurrent threads. */
    @Nested
    class Concurrency extends ConcurrencyContract {
        @Override
        protected Storage newStorage() {
            return StorageContract.this.newStorage();
        }

        @Override
        protected int rounds() {
            return concurrencyRounds();
        }
    }

    /** Invariants after every step of long seeded random command sequences. */
    @Nested
    class Stateful extends StatefulContract {
        @Override
        protected Storage newStorage() {
            return StorageContract.this.newStorage();
        }

        @Override
        protected int sequences() {
            return statefulSequences();
        }

        @Override
        protected int steps() {
            return statefulSteps();
        }
    }

    /** Support requests, support agents' direct actions, and the approval/leave race. */
    @Nested
    class Support extends SupportContract {
        @Override
        protected Storage newStorage() {
            return StorageContract.this.newStorage();
        }
    }

    /** The audit trail: one event per successful command, none for a rejected one; change events. */
    @Nested
    class Audit extends AuditContract {
        @Override
        protected Storage newStorage() {
            return StorageContract.this.newStorage();
        }
    }

    /** Invitations through their life: preview, resend, revoke, decline, expiry, and their delivery. */
    @Nested
    class InvitationLifecycle extends InvitationLifecycleContract {
        @Override
        protected Storage newStorage() {
            return StorageContract.this.newStorage();
        }
    }

    /** API keys: creating, listing, revoking, rolling, verifying, usage, and secrecy. */
    @Nested
    class ApiKeys extends ApiKeysContract {
        @Override
        protected Storage newStorage() {
            return StorageContract.this.newStorage();
        }
    }

    /** API keys restricted to scopes, a rate limit and networks. */
    @Nested
    class ApiKeyRestrictions extends ApiKeyRestrictionsContract {
        @Override
        protected Storage newStorage() {
            return StorageContract.this.newStorage();
        }
    }

    /** API key expiry notices: one per key, before it expires, through the outbox. */
    @Nested
    class ApiKeyExpiryNotices extends ApiKeyExpiryNoticesContract {
        @Override
        protected Storage newStorage() {
            return StorageContract.this.newStorage();
        }
    }

    /** Plans, the current period, HARD enforcement and statements. */
    @Nested
    class Plans extends PlansContract {
        @Override
        protected Storage newStorage() {
            return StorageContract.this.newStorage();
        }
    }

    /** Usage alerts and monthly statements through the outbox. */
    @Nested
    class UsageAlerts extends UsageAlertsContract {
        @Override
        protected Storage newStorage() {
            return StorageContract.this.newStorage();
        }
    }

    /** Several instances on one storage: alerts once, the HARD limit's overshoot bound. */
    @Nested
    class UsageAcrossInstances extends UsageAcrossInstancesContract {
        @Override
        protected Storage newStorage() {
            return StorageContract.this.newStorage();
        }

        @Override
        protected int rounds() {
            return Math.max(1, concurrencyRounds() / 5);
        }
    }

    /** Seats: a plan's limit on members plus pending invitations, and the race for the last seat. */
    @Nested
    class Seats extends SeatsContract {
        @Override
        protected Storage newStorage() {
            return StorageContract.this.newStorage();
        }

        @Override
        protected int rounds() {
            return concurrencyRounds();
        }
    }

    /** Bulk invitations: one outcome per row, one transaction, mails after it. */
    @Nested
    class BulkInvitations extends BulkInvitationContract {
        @Override
        protected Storage newStorage() {
            return StorageContract.this.newStorage();
        }
    }

    /** Invitations whose link the host delivers: no mail, the token once, bound to the email. */
    @Nested
    class LinkInvitations extends LinkInvitationContract {
        @Override
        protected Storage newStorage() {
            return StorageContract.this.newStorage();
        }
    }
}
