package dev.orgkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orgkit.OrgKit;
import dev.orgkit.StorageException;
import dev.orgkit.UserPrincipal;
import dev.orgkit.account.Organization;
import dev.orgkit.member.Role;
import dev.orgkit.tck.RecordingMailer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The JDBC storage on the PostgreSQL server of {@code ORGKIT_POSTGRES_URL} passes the storage contract and the JDBC tests. */
class PostgresStorageTest extends JdbcStorageTestBase {
    @Override
    TestDatabase openDatabase() {
        return TestDatabase.postgres();
    }

    /** What JDBC must do beyond the contract, and what only PostgreSQL can show. */
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

        @Test
        void a_backend_terminated_by_the_server_in_the_middle_of_a_command_leaves_nothing_half_written() {
            var dying = new DyingDataSource(database.pool(2));
            RecordingMailer mailer = new RecordingMailer();
            OrgKit kit = kit(JdbcStorage.create(dying), mailer);
            UserPrincipal ana = user("ana");
            UserPrincipal bob = user("bob");
            Organization org = kit.organizations().create(ana, acmeForm());
            kit.members().invite(ana, org.id(), "bob@example.com", Role.MEMBER);
            String token = mailer.lastTokenFor("bob@example.com");

            dying.killBefore(sql -> sql.contains("INSERT INTO orgkit_memberships"), PostgresStorageTest.this::terminate);
            assertThatThrownBy(() -> kit.invitations().accept(bob, token))
                    .isInstanceOf(StorageException.class)
                    .hasCauseInstanceOf(SQLException.class);
            assertThat(dying.kills()).isEqualTo(1);

            assertThatNothingWasAccepted(kit, ana, org, token);
            assertThat(kit.invitations().accept(bob, token).role()).isEqualTo(Role.MEMBER);
        }
    }

    /** Has the server end the victim's backend, as an administrator or a failover would, and waits until it is gone. */
    void terminate(Connection victim) throws SQLException {
        int pid;
        try (Statement statement = victim.createStatement();
                ResultSet result = statement.executeQuery("SELECT pg_backend_pid()")) {
            result.next();
            pid = result.getInt(1);
        }
        try (Connection admin = dataSource.getConnection();
                PreparedStatement kill = admin.prepareStatement("SELECT pg_terminate_backend(?)");
                PreparedStatement alive = admin.prepareStatement("SELECT count(*) FROM pg_stat_activity WHERE pid = ?")) {
            admin.setAutoCommit(true);
            kill.setInt(1, pid);
            kill.executeQuery().close();
            alive.setInt(1, pid);
            for (int attempt = 0; attempt < 100; attempt++) {
                try (ResultSet result = alive.executeQuery()) {
                    result.next();
                    if (result.getInt(1) == 0) {
                        return;
                    }
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
