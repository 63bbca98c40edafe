package dev.orgkit.jdbc;

import dev.orgkit.StorageException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * The bundled schema migrations of one dialect and the runner that applies them.
 *
 * <p>Migrations are classpath resources named as Flyway names them,
 * {@code db/orgkit/<dialect>/V<version>__<description>.sql}, so that a host's Flyway can run them
 * instead ({@code flyway.locations=classpath:db/orgkit/postgresql}). Because a jar cannot be
 * listed portably, each directory also holds {@code migrations.txt}, the file names in order (Flyway
 * ignores it). The runner keeps its own history table, {@code orgkit_schema_history} (version,
 * description, SHA-256 of the script), applies what is missing in version order under a lock that
 * one process holds at a time, and refuses to start if a script that was applied has changed since.
 */
final class Migrations {
    static final String ROOT = "db/orgkit/";
    static final String INDEX = "migrations.txt";
    private static final Pattern NAME = Pattern.compile("V([1-9][0-9]*)__([A-Za-z0-9_]+)\\.sql");

    /** One migration script. */
    record Migration(int version, String description, String script, String checksum) {}

    private Migrations() {}

    /** The migrations bundled for {@code dialect}, in version order. */
    static List<Migration> bundled(Dialect dialect) {
        String directory = ROOT + dialect.name() + "/";
        List<Migration> migrations = new ArrayList<>();
        for (String line : resource(directory + INDEX).split("\n")) {
            String name = line.strip();
            if (name.isEmpty() || name.startsWith("#")) {
                continue;
            }
            Matcher matcher = NAME.matcher(name);
            if (!matcher.matches()) {
                throw new IllegalStateException(directory + INDEX + " names " + name + ", not V<n>__<description>.sql");
            }
            int version = Integer.parseInt(matcher.group(1));
            // Versions increase; gaps are allowed, as in Flyway, since features take versions in parallel.
            int previous = migrations.isEmpty() ? 0 : migrations.get(migrations.size() - 1).version();
            if (version <= previous) {
                throw new IllegalStateException(directory + INDEX + " lists " + name + " after V" + previous
                        + "; versions must increase");
            }
            String script = resource(directory + name);
            migrations.add(new Migration(version, matcher.group(2).replace('_', ' '), script, sha256(script)));
        }
        return migrations;
    }

    /** Applies every bundled migration the database has not applied yet; returns how many it applied. */
    static int apply(DataSource dataSource, Dialect dialect) {
        List<Migration> migrations = bundled(dialect);
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            Dialect.MigrationLock lock = dialect.lockMigrations(dataSource, connection);
            try {
                try (Statement statement = connection.createStatement()) {
                    statement.execute(dialect.createHistoryTable());
                }
                Map<Integer, String> applied = applied(connection);
                int count = 0;
                for (Migration migration : migrations) {
                    String checksum = applied.get(migration.version());
                    if (checksum == null) {
                        run(connection, dialect, migration);
                        count++;
                    } else if (!checksum.equals(migration.checksum())) {
                        throw new StorageException("orgkit migration V" + migration.version() + " ("
                                + migration.description() + ") was changed after it was applied to this database;"
                                + " restore the original script");
                    }
                }
                return count;
            } finally {
                lock.close();
            }
        } catch (SQLException e) {
            throw new StorageException("could not migrate the orgkit schema (SQLState " + e.getSQLState() + ")", e);
        }
    }

    private static Map<Integer, String> applied(Connection connection) throws SQLException {
        Map<Integer, String> applied = new HashMap<>();
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT version, checksum FROM orgkit_schema_history")) {
            while (rows.next()) {
                applied.put(rows.getInt(1), rows.getString(2).strip());
            }
        }
        return applied;
    }

    /**
     * Runs one script and records it, in one transaction. Where DDL is not transactional (MariaDB,
     * H2) each statement commits on its own; a script that fails half-way must then be cleaned up by
     * hand, as with Flyway on those databases.
     */
    private static void run(Connection connection, Dialect dialect, Migration migration) throws SQLException {
        connection.setAutoCommit(!dialect.transactionalDdl());
        try {
            try (Statement statement = connection.createStatement()) {
                for (String sql : statements(migration.script())) {
                    statement.execute(sql);
                }
            }
            try (PreparedStatement record = connection.prepareStatement(
                    "INSERT INTO orgkit_schema_history (version, description, checksum) VALUES (?, ?, ?)")) {
                record.setInt(1, migration.version());
                record.setString(2, migration.description());
                record.setString(3, migration.checksum());
                record.executeUpdate();
            }
            if (!connection.getAutoCommit()) {
                connection.commit();
            }
        } catch (SQLException | RuntimeException e) {
            if (!connection.getAutoCommit()) {
                connection.rollback();
            }
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    /**
     * The statements of a script: whole-line {@code --} comments dropped, split at each semicolon
     * that ends a line. orgkit's scripts hold no semicolon anywhere else.
     */
    static List<String> statements(String script) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : script.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("--")) {
                continue;
            }
            if (trimmed.endsWith(";")) {
                current.append(trimmed, 0, trimmed.length() - 1);
                statements.add(current.toString().strip());
                current.setLength(0);
            } else {
                current.append(line).append('\n');
            }
        }
        if (!current.toString().isBlank()) {
            statements.add(current.toString().strip());
        }
        return statements;
    }

    private static String resource(String path) {
        try (InputStream in = Migrations.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("the orgkit-spi-jdbc jar lacks " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\r\n", "\n");
        } catch (IOException e) {
            throw new IllegalStateException("could not read " + path, e);
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
