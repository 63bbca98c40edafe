package dev.orgkit.jdbc;

import dev.orgkit.tck.StorageContract;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.TestInstance;

/**
 * The JDBC storage on one database passes the storage contract and the JDBC tests: a thin subclass per
 * database names it. The database is made (its own name, so runs never collide) and migrated once per
 * class, emptied before every test, and dropped at the end.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class JdbcStorageTestBase extends StorageContract {
    TestDatabase database;
    DataSource dataSource;
    JdbcStorage storage;

    /** A new, empty database of the dialect under test; it fails (it does not skip) if a given URL cannot be reached. */
    abstract TestDatabase openDatabase();

    @BeforeAll
    void createDatabase() {
        database = openDatabase();
        dataSource = database.pool(8);
        storage = JdbcStorage.migrate(dataSource);
    }

    @AfterAll
    void dropDatabase() {
        if (database != null) {
            database.close();
        }
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

    /** Erasing a user leaves their address in no table. */
    @Nested
    class ErasureOnJdbc extends JdbcErasureContract {
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
