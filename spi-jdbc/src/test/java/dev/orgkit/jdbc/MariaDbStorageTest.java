package dev.orgkit.jdbc;

import javax.sql.DataSource;
import org.junit.jupiter.api.Nested;

/** The JDBC storage on the MariaDB server of {@code ORGKIT_MARIADB_URL} passes the storage contract and the JDBC tests. */
class MariaDbStorageTest extends JdbcStorageTestBase {
    @Override
    TestDatabase openDatabase() {
        return TestDatabase.mariadb();
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
