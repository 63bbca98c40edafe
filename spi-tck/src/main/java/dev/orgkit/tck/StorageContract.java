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
 * <p>Each part of the contract is a nested class that runs on the storage this class makes.
 *
 * @since 0.1.0
 */
public abstract class StorageContract {

    /** A new, empty storage for one test. */
    protected abstract Storage newStorage();

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

    /** Rules that hold under real concurrent threads. */
    @Nested
    class Concurrency extends ConcurrencyContract {
        @Override
        protected Storage newStorage() {
            return StorageContract.this.newStorage();
        }
    }

    /** Invariants after every step of long seeded random command sequences. */
    @Nested
    class Stateful extends StatefulContract {
        @Override
        protected Storage newStorage() {
            return StorageContract.this.newStorage();
        }
    }
}
