package dev.orgkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The bundled migrations are complete and well-formed for every dialect, with or without a database. */
class MigrationsTest {

    static Dialect dialect(String name) {
        return switch (name) {
            case "postgresql" -> new PostgresDialect();
            case "mariadb" -> new MariaDbDialect();
            default -> new H2Dialect();
        };
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgresql", "mariadb", "h2"})
    void the_index_lists_every_script_of_the_directory_in_version_order(String name) throws Exception {
        Dialect dialect = dialect(name);
        List<String> scripts;
        try (Stream<Path> files = Files.list(directory(dialect))) {
            scripts = files.map(file -> file.getFileName().toString()).filter(file -> file.endsWith(".sql"))
                    .sorted((a, b) -> Integer.compare(version(a), version(b))).toList();
        }
        assertThat(Migrations.bundled(dialect))
                .extracting(m -> "V" + m.version() + "__" + m.description().replace(' ', '_') + ".sql")
                .containsExactlyElementsOf(scripts);
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgresql", "mariadb", "h2"})
    void every_dialect_has_the_same_versions_as_postgresql(String name) {
        Dialect dialect = dialect(name);
        assertThat(Migrations.bundled(dialect)).extracting(m -> m.version() + " " + m.description())
                .containsExactlyElementsOf(Migrations.bundled(new PostgresDialect()).stream()
                        .map(m -> m.version() + " " + m.description()).toList());
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgresql", "mariadb", "h2"})
    void every_script_splits_into_whole_statements(String name) {
        Dialect dialect = dialect(name);
        assertThat(Migrations.bundled(dialect)).allSatisfy(migration ->
                assertThat(Migrations.statements(migration.script())).isNotEmpty().allSatisfy(sql -> assertThat(sql)
                        .doesNotContain(";")
                        .matches("(?s)^(CREATE|ALTER|DROP|INSERT|UPDATE|DELETE|COMMENT) .*")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgresql", "mariadb", "h2"})
    void every_account_scoped_table_leads_its_primary_key_with_the_account_id(String name) {
        Dialect dialect = dialect(name);
        // Keyed by user, one row for the whole installation (the API key change counter), or keyed by a
        // usage batch, which holds several accounts' usage.
        List<String> global = List.of("orgkit_personal_accounts", "orgkit_active_accounts", "orgkit_api_key_changes",
                "orgkit_usage_flushes");
        for (Migrations.Migration migration : Migrations.bundled(dialect)) {
            for (String sql : Migrations.statements(migration.script())) {
                if (!sql.startsWith("CREATE TABLE ")) {
                    continue;
                }
                String table = sql.substring("CREATE TABLE ".length()).split("[ (]")[0];
                if (!global.contains(table)) {
                    assertThat(sql).as(table).containsPattern("PRIMARY KEY \\(account_id[,)]");
                }
            }
        }
    }

    private static Path directory(Dialect dialect) throws URISyntaxException, IOException {
        URL url = MigrationsTest.class.getClassLoader().getResource(Migrations.ROOT + dialect.name() + "/" + Migrations.INDEX);
        assertThat(url).as("the index of " + dialect.name()).isNotNull();
        return Path.of(url.toURI()).getParent();
    }

    private static int version(String script) {
        return Integer.parseInt(script.substring(1, script.indexOf("__")));
    }
}
