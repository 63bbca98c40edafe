package dev.orgkit.jdbc;

import dev.orgkit.spi.Storage;
import dev.orgkit.tck.ApiKeysContract;
import java.time.Duration;
import javax.sql.DataSource;
import org.junit.jupiter.api.Nested;

/** The JDBC storage on H2 (in memory, regular mode) passes the storage contract and the JDBC tests; it always runs. */
class H2StorageTest extends JdbcStorageTestBase {
    @Override
    TestDatabase openDatabase() {
        return TestDatabase.h2();
    }

    /** The API keys part of the contract again, on a storage with the verification cache. */
    @Nested
    class ApiKeysWithCache extends ApiKeysContract {
        @Override
        protected Storage newStorage() {
            return H2StorageTest.this.newStorage().withApiKeyCache(1_000, Duration.ofMinutes(1));
        }
    }

    /** What JDBC must do beyond the contract. */
    @Nested
    class Jdbc extends JdbcContract {
        @Override
        protected TestDatabase database() {
            return database;
        }

        @Override
        protected DataSource dataSource() {
            return dataSource;
        }
    }
}
