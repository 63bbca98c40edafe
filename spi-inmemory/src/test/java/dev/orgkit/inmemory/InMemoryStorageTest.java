package dev.orgkit.inmemory;

import dev.orgkit.spi.Storage;
import dev.orgkit.tck.StorageContract;

/** The in-memory storage passes the whole storage contract. */
class InMemoryStorageTest extends StorageContract {
    @Override
    protected Storage newStorage() {
        return InMemoryStorage.create();
    }
}
