package dev.orgkit.jdbc;

import dev.orgkit.spi.Storage;
import dev.orgkit.tck.ApiKeysContract;
import dev.orgkit.tck.StorageContract;
import java.sql.SQLException;
import java.time.Duration;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;

/** The JDBC storage on H2 (in memory, regular mode) passes the storage contract and the JDBC tests; it always runs. */
class H2StorageTest extends StorageContract {
    private static TestDatabase database;
    private static DataSource dataSource;
    private static JdbcStorage storage;

    @BeforeAll
    static void createDatabase() {
        database = TestDatabase.h2();
        dataSource = database.pool(8);
        storage = JdbcStorage.migrate(dataSource);
    }

    @AfterAll
    static void dropDatabase() {
        database.close();
    }

    @Override
    protected JdbcStorage newStorage() {
        try {
            TestDatabase.empty(dataSource);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return storage;
    }

    /** What API keys need from JDBC beyond the contract: one indexed query, the cache, no secret in any table. */
    @Nested
    class ApiKeysOnJdbc extends JdbcApiKeysContract {
        @Override
        protected TestDatabase database() {
            return database;
        }

        @Override
        protected DataSource dataSource() {
            return dataSource;
        }
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
