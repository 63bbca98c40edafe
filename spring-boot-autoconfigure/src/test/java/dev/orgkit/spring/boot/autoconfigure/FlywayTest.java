package dev.orgkit.spring.boot.autoconfigure;

import static dev.orgkit.spring.boot.autoconfigure.Fixtures.ACME;
import static dev.orgkit.spring.boot.autoconfigure.Fixtures.ANA;
import static org.assertj.core.api.Assertions.assertThat;

import dev.orgkit.OrgKit;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;

/** An application whose Flyway runs orgkit's bundled scripts, with orgkit's own migrations off. */
class FlywayTest {

    @Test
    void the_applications_flyway_runs_orgkits_scripts_before_orgkit_starts() {
        Fixtures.withH2().withConfiguration(AutoConfigurations.of(FlywayAutoConfiguration.class))
                .withPropertyValues("orgkit.jdbc.migrate=false", "spring.flyway.locations=classpath:db/orgkit/h2")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    OrgKit kit = context.getBean(OrgKit.class);
                    var org = kit.organizations().create(ANA, ACME);
                    assertThat(kit.organizations().get(ANA, org.id()).accountName()).isEqualTo("Acme");
                    try (Connection connection = context.getBean(DataSource.class).getConnection();
                            ResultSet applied = connection.createStatement().executeQuery(
                                    "SELECT COUNT(*) FROM \"flyway_schema_history\" WHERE \"success\" AND \"type\" = 'SQL'")) {
                        applied.next();
                        assertThat(applied.getInt(1)).as("orgkit's scripts, applied by Flyway").isEqualTo(bundledScripts());
                    }
                });
    }

    /** How many scripts orgkit bundles for H2, from the index its own migrator reads. */
    private static long bundledScripts() throws IOException {
        try (InputStream index = FlywayTest.class.getResourceAsStream("/db/orgkit/h2/migrations.txt")) {
            assertThat(index).isNotNull();
            return new String(index.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> l.endsWith(".sql")).count();
        }
    }
}
