package dev.orgkit.spring.boot.autoconfigure;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The host application on PostgreSQL, in a schema of its own that it drops afterwards. Runs when
 * {@code ORGKIT_POSTGRES_URL} is set, and then fails if the database cannot be reached.
 */
class PostgresHostApplicationTest extends HostApplicationScenario {
    private static final String BASE_URL = System.getenv("ORGKIT_POSTGRES_URL");
    private final String schema = "orgkit_starter_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

    @BeforeEach
    void createSchema() throws SQLException {
        assumeTrue(BASE_URL != null && !BASE_URL.isBlank(), "ORGKIT_POSTGRES_URL is not set");
        try (Connection connection = DriverManager.getConnection(BASE_URL);
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA " + schema);
        }
    }

    @AfterEach
    void dropSchema() throws SQLException {
        if (BASE_URL == null || BASE_URL.isBlank()) {
            return;
        }
        try (Connection connection = DriverManager.getConnection(BASE_URL);
                Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }

    @Override
    String databaseUrl() {
        return BASE_URL + (BASE_URL.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    @Override
    DataSource dataSource() {
        var dataSource = new PGSimpleDataSource();
        dataSource.setUrl(databaseUrl());
        return dataSource;
    }
}
