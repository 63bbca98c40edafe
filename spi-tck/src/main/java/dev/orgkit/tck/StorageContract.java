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

    /** Members: inviting, joining, listing, promoting and removing. */
    @Nested
    class Members extends MembersContract {
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
}
