package dev.orgkit.jdbc;

import dev.orgkit.spi.Storage;
import dev.orgkit.tck.StorageContract;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;

/** The JDBC storage on the PostgreSQL server of {@code ORGKIT_POSTGRES_URL} passes the storage contract and the JDBC tests. */
class PostgresStorageTest extends StorageContract {
    private static TestDatabase database;
    private static DataSource dataSource;
    private static JdbcStorage storage;

    @BeforeAll
    static void createDatabase() {
        database = TestDatabase.postgres();
        dataSource = database.pool(8);
        storage = JdbcStorage.migrate(dataSource);
    }

    @AfterAll
    static void dropDatabase() {
        if (database != null) {
            database.close();
        }
    }

    @Override
    protected Storage newStorage() {
        try {
            TestDatabase.empty(dataSource);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return storage;
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
