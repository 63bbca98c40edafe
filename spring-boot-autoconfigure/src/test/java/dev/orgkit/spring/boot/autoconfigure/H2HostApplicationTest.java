package dev.orgkit.spring.boot.autoconfigure;

import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

/** The host application on an in-memory H2 database: runs on every build. */
class H2HostApplicationTest extends HostApplicationScenario {
    private final String url = Fixtures.h2Url();

    @Override
    String databaseUrl() {
        return url;
    }

    @Override
    DataSource dataSource() {
        var dataSource = new JdbcDataSource();
        dataSource.setURL(url);
        dataSource.setUser("sa");
        return dataSource;
    }
}
