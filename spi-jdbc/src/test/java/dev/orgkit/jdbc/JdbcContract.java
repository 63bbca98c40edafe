package dev.orgkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orgkit.AccessDeniedException;
import dev.orgkit.ConflictException;
import dev.orgkit.EmailAddress;
import dev.orgkit.OrgKit;
import dev.orgkit.PageRequest;
import dev.orgkit.Principal;
import dev.orgkit.StorageException;
import dev.orgkit.UserId;
import dev.orgkit.UserPrincipal;
import dev.orgkit.account.AccountId;
import dev.orgkit.account.NewOrganization;
import dev.orgkit.account.Organization;
import dev.orgkit.account.PersonalAccount;
import dev.orgkit.audit.Actor;
import dev.orgkit.audit.AuditAction;
import dev.orgkit.audit.AuditEvent;
import dev.orgkit.audit.AuditQuery;
import dev.orgkit.delivery.DispatchSummary;
import dev.orgkit.internal.Secrets;
import dev.orgkit.invitation.Invitation;
import dev.orgkit.invitation.InvitationId;
import dev.orgkit.mail.InvitationMail;
import dev.orgkit.invitation.InvitationStatus;
import dev.orgkit.invitation.InviteRequest;
import dev.orgkit.invitation.IssuedInvitation;
import dev.orgkit.member.Membership;
import dev.orgkit.member.Role;
import dev.orgkit.plan.Plan;
import dev.orgkit.policy.DenialCode;
import dev.orgkit.spi.DeliveryRecord;
import dev.orgkit.spi.Mailer;
import dev.orgkit.spi.ReadTransaction;
import dev.orgkit.spi.SecretHash;
import dev.orgkit.spi.WriteTransaction;
import dev.orgkit.tck.MutableClock;
import dev.orgkit.tck.RecordingMailer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the storage contract cannot say for every storage but JDBC must do: migrations, database
 * constraints, time, concurrency across two JVMs (two kits on two pools), and dying connections.
 * Each dialect's test runs it on its own database.
 */
abstract class JdbcContract {
    static final int ROUNDS = 30;

    private final List<AutoCloseable> closeAfter = new ArrayList<>();
    private final ExecutorService threads = Executors.newFixedThreadPool(2);

    /** The database of this run, migrated. */
    protected abstract TestDatabase database();

    /** A migrated pool on {@link #database()}, shared by the run. */
    protected abstract DataSource dataSource();

    @BeforeEach
    void startEmpty() throws SQLException {
        TestDatabase.empty(dataSource());
    }

    @AfterEach
    void stopThreads() throws Exception {
        threads.shutdownNow();
        for (AutoCloseable closeable : closeAfter) {
            closeable.close();
        }
    }

    // ---- migrations ----

    @Test
    void migrating_a_migrated_database_applies_nothing_and_create_works_on_it() throws SQLException {
        Dialect dialect = dialectOf(dataSource());
        assertThat(Migrations.apply(dataSource(), dialect)).isZero();
        assertThat(JdbcStorage.migrate(dataSource()).dialect()).isEqualTo(database().kind);

        OrgKit kit = kit(JdbcStorage.create(dataSource()), new RecordingMailer());
        Organization org = kit.organizations().create(user("ana"), acmeForm());
        assertThat(kit.organizations().get(user("ana"), org.id())).isEqualTo(org);
        assertThat(history(dataSource())).containsExactlyElementsOf(Migrations.bundled(dialect).stream()
                .map(m -> m.version() + ":" + m.description() + ":" + m.checksum()).toList());
    }

    @Test
    void two_processes_migrating_a_new_database_at_once_apply_each_migration_once() throws Exception {
        try (TestDatabase fresh = database().another()) {
            DataSource first = fresh.pool(2);
            DataSource second = fresh.pool(2);
            List<Object> outcomes = atOnce(() -> JdbcStorage.migrate(first), () -> JdbcStorage.migrate(second));
            assertThat(outcomes).allSatisfy(outcome -> assertThat(outcome).isInstanceOf(JdbcStorage.class));
            assertThat(history(first)).hasSize(Migrations.bundled(dialectOf(first)).size());
            OrgKit kit = kit(JdbcStorage.create(second), new RecordingMailer());
            assertThat(kit.accounts().personal(user("ana")).owner()).isEqualTo(UserId.of("u-ana"));
        }
    }

    @Test
    void create_on_a_database_without_the_schema_says_how_to_make_it() throws Exception {
        try (TestDatabase fresh = database().another()) {
            DataSource pool = fresh.pool(1);
            assertThatThrownBy(() -> JdbcStorage.create(pool))
                    .isInstanceOf(StorageException.class)
                    .hasCauseInstanceOf(SQLException.class)
                    .hasMessageContaining("JdbcStorage.migrate")
                    .hasMessageContaining("classpath:db/orgkit/" + fresh.kind);
        }
    }

    @Test
    void create_on_a_schema_behind_this_version_of_orgkit_fails_at_start() throws Exception {
        try (TestDatabase fresh = database().another()) {
            DataSource pool = fresh.pool(2);
            Flyway.configure().dataSource(pool).locations("classpath:db/orgkit/" + fresh.kind).target("1").load()
                    .migrate();
            assertThatThrownBy(() -> JdbcStorage.create(pool))
                    .isInstanceOf(StorageException.class)
                    .hasMessageContaining("incomplete")
                    .hasMessageContaining("JdbcStorage.migrate");
        }
    }

    @Test
    void create_on_a_schema_that_lacks_only_the_latest_migration_fails_at_start() throws Exception {
        try (TestDatabase fresh = database().another()) {
            DataSource pool = fresh.pool(2);
            List<Migrations.Migration> bundled = Migrations.bundled(dialectOf(pool));
            Flyway.configure().dataSource(pool).locations("classpath:db/orgkit/" + fresh.kind)
                    .target(String.valueOf(bundled.get(bundled.size() - 2).version())).load().migrate();
            assertThatThrownBy(() -> JdbcStorage.create(pool))
                    .isInstanceOf(StorageException.class)
                    .hasMessageContaining("incomplete");
        }
    }

    @Test
    void a_migration_changed_after_it_was_applied_stops_the_start() throws Exception {
        try (TestDatabase fresh = database().another()) {
            DataSource pool = fresh.pool(2);
            JdbcStorage.migrate(pool);
            try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
                statement.executeUpdate("UPDATE orgkit_schema_history SET checksum = '"
                        + "0".repeat(64) + "' WHERE version = 1");
            }
            assertThatThrownBy(() -> JdbcStorage.migrate(pool))
                    .isInstanceOf(StorageException.class)
                    .hasMessageContaining("V1")
                    .hasMessageContaining("changed after it was applied");
        }
    }

    @Test
    void a_hosts_flyway_runs_the_bundled_scripts_and_create_works_on_the_result() throws Exception {
        try (TestDatabase fresh = database().another()) {
            DataSource pool = fresh.pool(2);
            var result = Flyway.configure().dataSource(pool).locations("classpath:db/orgkit/" + fresh.kind).load().migrate();
            assertThat(result.migrationsExecuted).isEqualTo(Migrations.bundled(dialectOf(pool)).size());

            OrgKit kit = kit(JdbcStorage.create(pool), new RecordingMailer());
            Organization org = kit.organizations().create(user("ana"), acmeForm());
            assertThat(kit.members().list(user("ana"), org.id(), PageRequest.first(10)).items()).hasSize(1);
        }
    }

    // ---- what the database enforces ----

    @Test
    void a_second_personal_account_of_one_owner_is_refused_and_the_transaction_goes_on() {
        JdbcStorage storage = JdbcStorage.create(dataSource());
        Instant at = Instant.parse("2026-01-05T09:00:00Z");
        var first = new PersonalAccount(AccountId.of("acct_1"), UserId.of("u-ana"), at);
        var second = new PersonalAccount(AccountId.of("acct_2"), UserId.of("u-ana"), at);
        boolean secondInserted = storage.write(tx -> {
            assertThat(tx.accounts().insertPersonalAccount(first)).isTrue();
            boolean inserted = tx.accounts().insertPersonalAccount(second);
            tx.audit().append(new AuditEvent("e1", first.id(), Actor.system(), AuditAction.PERSONAL_ACCOUNT_CREATED,
                    "u-ana", Map.of(), at));
            return inserted;
        });
        assertThat(secondInserted).isFalse();
        assertThat(storage.read((ReadTransaction tx) -> tx.accounts().personalAccountOf(UserId.of("u-ana")))).contains(first);
        assertThat(storage.read((ReadTransaction tx) -> tx.audit().list(first.id(), AuditQuery.all(), Optional.empty(), 10))).hasSize(1);
    }

    @Test
    void a_second_pending_invitation_of_one_email_is_refused_by_the_database_and_nothing_is_kept() {
        JdbcStorage storage = JdbcStorage.create(dataSource());
        Organization org = organization("org_1");
        storage.write(tx -> {
            tx.accounts().insertOrganization(org);
            tx.invitations().insert(invitation(org, "inv_1", "bob@example.com", InvitationStatus.PENDING), hash('a'));
            return null;
        });
        assertThatThrownBy(() -> storage.write(tx -> {
            tx.invitations().insert(invitation(org, "inv_2", "carol@example.com", InvitationStatus.PENDING), hash('b'));
            tx.invitations().insert(invitation(org, "inv_3", "bob@example.com", InvitationStatus.PENDING), hash('c'));
            return null;
        })).isInstanceOf(StorageException.class).hasCauseInstanceOf(SQLException.class)
                .hasMessageContaining("duplicate");
        assertThat(storage.read((ReadTransaction tx) -> tx.invitations().listPending(org.id(), Optional.empty(), 10)))
                .extracting(i -> i.id().value()).containsExactly("inv_1");

        // Invitations that are no longer pending do not count.
        storage.write(tx -> {
            Invitation first = tx.invitations().find(InvitationId.of("inv_1")).orElseThrow();
            assertThat(tx.invitations().updateStatus(first, InvitationStatus.PENDING, InvitationStatus.REVOKED)).isTrue();
            tx.invitations().insert(invitation(org, "inv_4", "bob@example.com", InvitationStatus.PENDING), hash('d'));
            tx.invitations().insert(invitation(org, "inv_5", "bob@example.com", InvitationStatus.DECLINED), hash('e'));
            return null;
        });
        assertThat(storage.read((ReadTransaction tx) -> tx.invitations().pending(org.id(), EmailAddress.of("bob@example.com"))))
                .map(i -> i.id().value()).contains("inv_4");
    }

    @Test
    void a_duplicate_membership_or_token_hash_is_refused_by_the_database() {
        JdbcStorage storage = JdbcStorage.create(dataSource());
        Organization org = organization("org_1");
        Instant at = Instant.parse("2026-01-05T09:00:00Z");
        var ana = new Membership(org.id(), UserId.of("u-ana"), EmailAddress.of("ana@example.com"), Role.ADMIN, at);
        storage.write(tx -> {
            tx.accounts().insertOrganization(org);
            tx.members().insert(ana);
            tx.invitations().insert(invitation(org, "inv_1", "bob@example.com", InvitationStatus.PENDING), hash('a'));
            return null;
        });
        assertThatThrownBy(() -> storage.write(tx -> {
            tx.members().insert(ana.withRole(Role.MEMBER));
            return null;
        })).isInstanceOf(StorageException.class).hasCauseInstanceOf(SQLException.class);
        assertThatThrownBy(() -> storage.write(tx -> {
            tx.invitations().insert(invitation(org, "inv_2", "carol@example.com", InvitationStatus.PENDING), hash('a'));
            return null;
        })).isInstanceOf(StorageException.class).hasCauseInstanceOf(SQLException.class);
        assertThat(storage.read((ReadTransaction tx) -> tx.members().find(org.id(), ana.userId()))).contains(ana);
        assertThat(storage.read((ReadTransaction tx) -> tx.invitations().find(InvitationId.of("inv_2")))).isEmpty();
    }

    @Test
    void ids_are_listed_in_the_order_of_java_strings() {
        JdbcStorage storage = JdbcStorage.create(dataSource());
        Organization org = organization("org_1");
        Instant at = Instant.parse("2026-01-05T09:00:00Z");
        List<String> ids = new ArrayList<>(List.of("u-b", "u-B", "u-a", "u-A", "u-_", "u-é", "u-e", "u-Z", "u-0", "u-~"));
        storage.write(tx -> {
            tx.accounts().insertOrganization(org);
            for (String id : ids) {
                tx.members().insert(new Membership(org.id(), UserId.of(id), EmailAddress.of("x@example.com"), Role.MEMBER, at));
            }
            return null;
        });
        ids.sort(String::compareTo);
        List<String> listed = new ArrayList<>();
        Optional<UserId> after = Optional.empty();
        while (true) {
            Optional<UserId> from = after;
            List<Membership> page = storage.read(tx -> tx.members().list(org.id(), from, 3));
            if (page.isEmpty()) {
                break;
            }
            page.forEach(m -> listed.add(m.userId().value()));
            after = Optional.of(page.get(page.size() - 1).userId());
        }
        assertThat(listed).containsExactlyElementsOf(ids);
    }

    @Test
    void instants_read_back_exactly_to_the_microsecond_whatever_the_time_zones() {
        JdbcStorage storage = JdbcStorage.create(dataSource());
        Instant precise = Instant.parse("2026-03-29T01:30:00.123456789Z"); // a daylight-saving change in Europe
        Organization org = new Organization(AccountId.of("org_1"), "Acme", "Acme SAS",
                EmailAddress.of("alerts@acme.example"), EmailAddress.of("billing@acme.example"), UserId.of("u-ana"),
                precise, 1);
        var member = new Membership(org.id(), UserId.of("u-ana"), EmailAddress.of("ana@example.com"), Role.ADMIN,
                Instant.parse("1999-12-31T23:59:59.999999Z"));
        storage.write(tx -> {
            tx.accounts().insertOrganization(org);
            tx.members().insert(member);
            return null;
        });
        assertThat(storage.read((ReadTransaction tx) -> tx.accounts().find(org.id())).map(a -> a.createdAt()))
                .contains(Instant.parse("2026-03-29T01:30:00.123456Z"));
        assertThat(storage.read((ReadTransaction tx) -> tx.members().find(org.id(), member.userId()))).contains(member);
    }

    @Test
    void audit_details_read_back_exactly() {
        JdbcStorage storage = JdbcStorage.create(dataSource());
        Organization org = organization("org_1");
        Map<String, String> details = Map.of("legalName.before", "Acme & Co = \"ACME\" 100%", "legalName.after",
                "Ünïcödé ✓ ok", "empty", "");
        var event = new AuditEvent("0001", org.id(), new Actor(Actor.Kind.SUPPORT, "agent-7", Optional.of("T-1")),
                AuditAction.PROFILE_UPDATED, org.id().value(), details, Instant.parse("2026-01-05T09:00:00Z"));
        var bare = new AuditEvent("0002", org.id(), Actor.system(), AuditAction.PROFILE_UPDATED, "x", Map.of(),
                Instant.parse("2026-01-05T09:00:01Z"));
        storage.write(tx -> {
            tx.accounts().insertOrganization(org);
            tx.audit().append(event);
            tx.audit().append(bare);
            return null;
        });
        assertThat(storage.read((ReadTransaction tx) -> tx.audit().list(org.id(), AuditQuery.all(), Optional.empty(), 10))).containsExactly(bare, event);
        assertThat(storage.read((ReadTransaction tx) -> tx.audit().list(org.id(), AuditQuery.all(), Optional.of("0002"), 10))).containsExactly(event);
    }

    @Test
    void a_transaction_sees_what_others_committed_after_it_started_as_read_committed_does() {
        JdbcStorage storage = JdbcStorage.create(dataSource());
        Organization org = organization("org_1");
        Instant at = Instant.parse("2026-01-05T09:00:00Z");
        storage.write(tx -> {
            tx.accounts().insertOrganization(org);
            tx.members().insert(new Membership(org.id(), UserId.of("u-ana"), EmailAddress.of("ana@example.com"), Role.ADMIN, at));
            return null;
        });
        for (boolean write : List.of(true, false)) {
            TestDatabase.Work<List<Long>> counts = tx -> {
                long before = tx.members().count(org.id(), Role.ADMIN);
                String user = write ? "u-bob" : "u-carol";
                try (Connection other = dataSource().getConnection(); Statement statement = other.createStatement()) {
                    other.setAutoCommit(true);
                    statement.executeUpdate("INSERT INTO orgkit_memberships (account_id, user_id, email, role, joined_at)"
                            + " VALUES ('org_1', '" + user + "', 'x@example.com', 'ADMIN', CURRENT_TIMESTAMP)");
                }
                return List.of(before, tx.members().count(org.id(), Role.ADMIN));
            };
            List<Long> seen = write ? storage.write(tx -> counts.unchecked(tx)) : storage.read(tx -> counts.unchecked(tx));
            assertThat(seen).as(write ? "write" : "read").containsExactly(write ? 1L : 2L, write ? 2L : 3L);
        }
    }

    @Test
    void a_read_transaction_cannot_write() {
        JdbcStorage storage = JdbcStorage.create(dataSource());
        assertThatThrownBy(() -> storage.read(tx -> {
            ((WriteTransaction) tx).accounts().insertOrganization(organization("org_1"));
            return null;
        })).isInstanceOf(StorageException.class);
        assertThat(storage.read((ReadTransaction tx) -> tx.accounts().find(AccountId.of("org_1")))).isEmpty();
    }

    @Test
    void a_page_of_members_is_read_through_the_primary_key_in_a_large_organization() throws SQLException {
        try (Connection connection = dataSource().getConnection()) {
            TestDatabase.insertOrganization(connection, "org_big", 20_000);
            for (int i = 0; i < 20; i++) {
                TestDatabase.insertOrganization(connection, "org_" + i, 500);
            }
            database().analyze(connection);
            KeysetPage members = JdbcMemberStore.page(dialectOf(dataSource()));
            database().assertRangeScanOfMembershipsPrimaryKey(
                    database().plan(connection, members.first(), "org_big", 51));
            database().assertRangeScanOfMembershipsPrimaryKey(
                    database().plan(connection, members.next(), "org_big", "u-010000", 51));
        }
    }

    @Test
    void pending_invitations_and_audit_events_are_read_in_index_order_in_a_large_organization() throws SQLException {
        try (Connection connection = dataSource().getConnection()) {
            TestDatabase.insertOrganization(connection, "org_big", 1);
            TestDatabase.insertInvitationsAndEvents(connection, "org_big", 20_000);
            for (int i = 0; i < 20; i++) {
                TestDatabase.insertOrganization(connection, "org_" + i, 1);
                TestDatabase.insertInvitationsAndEvents(connection, "org_" + i, 500);
            }
            database().analyze(connection);
            KeysetPage pending = JdbcInvitationStore.pendingPage(dialectOf(dataSource()));
            database().assertReadsInOrder(database().plan(connection, pending.first(), "org_big", 51),
                    "orgkit_invitations_pk", "orgkit_invitations_pending");
            database().assertReadsInOrder(database().plan(connection, pending.next(), "org_big",
                    "inv_org_big_010000", 51), "orgkit_invitations_pk", "orgkit_invitations_pending");
            Dialect dialect = dialectOf(dataSource());
            database().assertReadsInOrder(database().plan(connection,
                    JdbcAuditStore.page(dialect, AuditQuery.all(), false), "org_big", 51),
                    "orgkit_audit_events_pk", null);
            database().assertReadsInOrder(database().plan(connection,
                    JdbcAuditStore.page(dialect, AuditQuery.all(), true), "org_big", "e010000", 51),
                    "orgkit_audit_events_pk", null);
        }
    }

    // ---- two JVMs: two kits on two pools ----

    @Test
    void two_admins_leaving_at_once_from_two_processes_leave_one_admin() throws Exception {
        Kits kits = twoKits();
        for (int round = 0; round < ROUNDS; round++) {
            UserPrincipal ana = user("ana" + round);
            UserPrincipal bob = user("bob" + round);
            Organization org = kits.one.organizations().create(ana, acmeForm());
            kits.one.members().invite(ana, org.id(), bob.verifiedEmail().value(), Role.ADMIN);
            kits.one.invitations().accept(bob, kits.mailerOne.lastTokenFor(bob.verifiedEmail().value()));

            List<Object> outcomes = atOnce(
                    () -> leave(kits.one, ana, org), () -> leave(kits.two, bob, org));

            assertThat(outcomes).filteredOn("left"::equals).as("round %d: %s", round, outcomes).hasSize(1);
            Object loser = outcomes.get(outcomes.get(0).equals("left") ? 1 : 0);
            assertThat(codeOf(loser)).as("round %d: %s", round, loser).isEqualTo(DenialCode.LAST_ADMIN);
            UserPrincipal stayed = outcomes.get(0).equals("left") ? bob : ana;
            assertThat(kits.two.members().list(stayed, org.id(), PageRequest.first(10)).items())
                    .extracting(m -> m.userId() + ":" + m.role())
                    .containsExactly(stayed.userId() + ":ADMIN");
        }
    }

    @Test
    void one_invitation_accepted_twice_at_once_from_two_processes_makes_one_membership() throws Exception {
        Kits kits = twoKits();
        for (int round = 0; round < ROUNDS; round++) {
            UserPrincipal ana = user("ana" + round);
            UserPrincipal bob = user("bob" + round);
            Organization org = kits.one.organizations().create(ana, acmeForm());
            kits.one.members().invite(ana, org.id(), bob.verifiedEmail().value(), Role.MEMBER);
            String token = kits.mailerOne.lastTokenFor(bob.verifiedEmail().value());

            List<Object> outcomes = atOnce(
                    () -> kits.one.invitations().accept(bob, token), () -> kits.two.invitations().accept(bob, token));

            assertThat(outcomes).filteredOn(Membership.class::isInstance).as("round %d: %s", round, outcomes).hasSize(1);
            Object loser = outcomes.get(outcomes.get(0) instanceof Membership ? 1 : 0);
            assertThat(codeOf(loser)).as("round %d: %s", round, loser)
                    .isIn(DenialCode.INVITATION_NOT_PENDING, DenialCode.ALREADY_A_MEMBER);
            assertThat(kits.two.members().list(ana, org.id(), PageRequest.first(10)).items())
                    .extracting(m -> m.userId() + ":" + m.role())
                    .containsExactly(ana.userId() + ":ADMIN", bob.userId() + ":MEMBER");
        }
    }

    @Test
    void one_email_invited_twice_at_once_from_two_processes_gets_one_invitation() throws Exception {
        Kits kits = twoKits();
        for (int round = 0; round < ROUNDS; round++) {
            UserPrincipal ana = user("ana" + round);
            Organization org = kits.one.organizations().create(ana, acmeForm());

            List<Object> outcomes = atOnce(
                    () -> kits.one.members().invite(ana, org.id(), "carol@example.com", Role.MEMBER),
                    () -> kits.two.members().invite(ana, org.id(), "carol@example.com", Role.ADMIN));

            assertThat(outcomes).filteredOn(Invitation.class::isInstance).as("round %d: %s", round, outcomes).hasSize(1);
            Object loser = outcomes.get(outcomes.get(0) instanceof Invitation ? 1 : 0);
            assertThat(codeOf(loser)).as("round %d: %s", round, loser).isEqualTo(DenialCode.INVITATION_ALREADY_PENDING);
            assertThat(kits.two.invitations().pending(ana, org.id(), PageRequest.first(10)).items()).hasSize(1);
        }
    }

    @Test
    void two_processes_inviting_for_the_last_seat_at_once_take_it_once() throws Exception {
        Kits kits = twoKits();
        for (int round = 0; round < ROUNDS; round++) {
            UserPrincipal ana = user("ana" + round);
            Organization org = kits.one.organizations().create(ana, acmeForm());
            kits.one.plans().assign(org.id(), Plan.unlimited().seats(2));

            List<Object> outcomes = atOnce(
                    () -> kits.one.members().invite(ana, org.id(), "carol@example.com", Role.MEMBER),
                    () -> kits.two.members().inviteWithLink(ana, org.id(), "dave@example.com", Role.MEMBER));

            assertThat(outcomes).filteredOn(o -> o instanceof Invitation || o instanceof IssuedInvitation)
                    .as("round %d: %s", round, outcomes).hasSize(1);
            Object loser = outcomes.get(outcomes.get(0) instanceof RuntimeException ? 0 : 1);
            assertThat(codeOf(loser)).as("round %d: %s", round, loser).isEqualTo(DenialCode.SEAT_LIMIT_REACHED);
            assertThat(kits.two.invitations().pending(ana, org.id(), PageRequest.first(10)).items()).hasSize(1);
        }
    }

    // ---- the invitation outbox across two JVMs ----

    @Test
    void two_processes_dispatching_at_once_send_each_invitation_once() throws Exception {
        var clock = new MutableClock(Instant.parse("2026-01-05T09:00:00Z"));
        RecordingMailer mailer = new RecordingMailer();
        Mailer slow = mail -> {
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            mailer.send(mail);
        };
        OrgKit one = kit(JdbcStorage.create(database().pool(4)), slow, clock);
        OrgKit two = kit(JdbcStorage.create(database().pool(4)), slow, clock);
        UserPrincipal ana = user("ana");
        Organization acme = one.organizations().create(ana, acmeForm());
        Organization globex = two.organizations().create(ana, acmeForm());
        mailer.failing(true);
        int invitations = 30;
        for (int i = 0; i < invitations; i++) {
            Organization org = i % 2 == 0 ? acme : globex;
            one.members().invite(ana, org.id(), "guest" + i + "@example.com", Role.MEMBER);
        }
        mailer.failing(false);
        clock.advance(Duration.ofMinutes(1));

        List<Object> outcomes = atOnce(() -> one.deliveries().dispatchPending(), () -> two.deliveries().dispatchPending());

        assertThat(outcomes).allSatisfy(outcome -> assertThat(outcome).isInstanceOf(DispatchSummary.class));
        assertThat(outcomes.stream().mapToInt(outcome -> ((DispatchSummary) outcome).sent()).sum()).isEqualTo(invitations);
        assertThat(mailer.sent()).hasSize(invitations)
                .extracting(mail -> mail.invitationId().value()).doesNotHaveDuplicates();
        for (InvitationMail mail : mailer.sent()) {
            assertThat(two.invitations().preview(mail.token()).status()).isEqualTo(InvitationStatus.PENDING);
        }
        assertThat(one.deliveries().dispatchPending().total()).isZero();
    }

    @Test
    void of_two_claims_on_one_delivery_at_once_from_two_processes_one_wins() throws Exception {
        var clock = new MutableClock(Instant.parse("2026-01-05T09:00:00Z"));
        RecordingMailer mailer = new RecordingMailer();
        OrgKit kit = kit(JdbcStorage.create(dataSource()), mailer, clock);
        JdbcStorage first = JdbcStorage.create(database().pool(2));
        JdbcStorage second = JdbcStorage.create(database().pool(2));
        UserPrincipal ana = user("ana");
        Organization org = kit.organizations().create(ana, acmeForm());
        mailer.failing(true);
        for (int round = 0; round < ROUNDS; round++) {
            InvitationId id = kit.members().invite(ana, org.id(), "guest" + round + "@example.com", Role.MEMBER).id();
            Instant now = clock.instant().plus(Duration.ofMinutes(1));
            Instant until = now.plus(Duration.ofMinutes(5));

            List<Object> outcomes = atOnce(
                    () -> first.write((WriteTransaction tx) -> tx.deliveries().claim(id, "dlv_first", now, until)),
                    () -> second.write((WriteTransaction tx) -> tx.deliveries().claim(id, "dlv_second", now, until)));

            assertThat(outcomes).as("round %d", round).containsExactlyInAnyOrder(true, false);
            DeliveryRecord claimed = first.read((ReadTransaction tx) -> tx.deliveries().find(id)).orElseThrow();
            assertThat(claimed.attempts()).isEqualTo(2);
            assertThat(claimed.claimId()).isIn(Optional.of("dlv_first"), Optional.of("dlv_second"));
            assertThat(claimed.claimedUntil()).contains(until);
            boolean whileHeld = second.write((WriteTransaction tx) ->
                    tx.deliveries().claim(id, "dlv_late", until.minusNanos(1000), until));
            assertThat(whileHeld).as("the claim holds until it ends").isFalse();
            boolean afterwards = second.write((WriteTransaction tx) ->
                    tx.deliveries().claim(id, "dlv_late", until, until.plusSeconds(60)));
            assertThat(afterwards).as("an ended claim can be taken over").isTrue();
        }
    }

    @Test
    void no_table_holds_a_plaintext_token_only_hashes() throws SQLException {
        var clock = new MutableClock(Instant.parse("2026-01-05T09:00:00Z"));
        RecordingMailer mailer = new RecordingMailer();
        OrgKit kit = kit(JdbcStorage.create(dataSource()), mailer, clock);
        UserPrincipal ana = user("ana");
        Organization org = kit.organizations().create(ana, acmeForm());
        mailer.failing(true);
        Invitation bob = kit.members().invite(ana, org.id(), "bob@example.com", Role.MEMBER);
        mailer.failing(false);
        clock.advance(Duration.ofMinutes(1));
        kit.deliveries().dispatchPending();
        kit.invitations().resend(ana, bob.id());
        kit.members().invite(ana, org.id(), "carl@example.com", Role.MEMBER);
        kit.invitations().accept(user("carl"), mailer.lastTokenFor("carl@example.com"));
        IssuedInvitation eve = kit.members().inviteWithLink(ana, org.id(), "eve@example.com", Role.MEMBER);
        kit.members().inviteAll(ana, org.id(), List.of(new InviteRequest("dan@example.com", Role.MEMBER)));

        List<String> cells = new ArrayList<>();
        try (Connection connection = dataSource().getConnection(); Statement statement = connection.createStatement()) {
            for (String table : TestDatabase.TABLES) {
                try (ResultSet rows = statement.executeQuery("SELECT * FROM " + table)) {
                    int columns = rows.getMetaData().getColumnCount();
                    while (rows.next()) {
                        for (int column = 1; column <= columns; column++) {
                            cells.add(String.valueOf(rows.getString(column)));
                        }
                    }
                }
            }
        }
        assertThat(mailer.attempted()).hasSize(5);
        assertThat(cells).as("the scan reads the invitations")
                .anyMatch(cell -> cell.contains(Secrets.sha256(mailer.lastTokenFor("bob@example.com")).hex()));
        for (InvitationMail mail : mailer.attempted()) {
            assertThat(cells).noneMatch(cell -> cell.contains(mail.token()));
        }
        // The link the host delivers: its hash is stored, its token is not.
        assertThat(cells).anyMatch(cell -> cell.contains(Secrets.sha256(eve.token()).hex()));
        assertThat(cells).noneMatch(cell -> cell.contains(eve.token()));
    }

    // ---- dying connections ----

    @Test
    void a_connection_that_dies_in_the_middle_of_a_command_leaves_nothing_half_written() {
        var dying = new DyingDataSource(database().unpooled());
        RecordingMailer mailer = new RecordingMailer();
        OrgKit kit = kit(JdbcStorage.create(dying), mailer);
        UserPrincipal ana = user("ana");
        UserPrincipal bob = user("bob");
        Organization org = kit.organizations().create(ana, acmeForm());
        kit.members().invite(ana, org.id(), "bob@example.com", Role.MEMBER);
        String token = mailer.lastTokenFor("bob@example.com");

        // Acceptance dies after it marked the invitation accepted, before it inserts the membership.
        dying.killBefore(sql -> sql.contains("INSERT INTO orgkit_memberships"), Connection::close);
        assertThatThrownBy(() -> kit.invitations().accept(bob, token))
                .isInstanceOf(StorageException.class)
                .hasCauseInstanceOf(SQLException.class);
        assertThat(dying.kills()).isEqualTo(1);

        assertThatNothingWasAccepted(kit, ana, org, token);
        assertThat(kit.invitations().accept(bob, token).role()).isEqualTo(Role.MEMBER);
    }

    @Test
    void a_command_whose_commit_was_not_acknowledged_fails_saying_the_outcome_is_unknown() {
        var dying = new DyingDataSource(database().unpooled());
        OrgKit kit = kit(JdbcStorage.create(dying), new RecordingMailer());
        UserPrincipal ana = user("ana");

        dying.loseNextCommitAcknowledgement();
        assertThatThrownBy(() -> kit.organizations().create(ana, acmeForm()))
                .isInstanceOf(StorageException.class)
                .hasCauseInstanceOf(SQLException.class)
                .hasMessageContaining("the outcome of the commit is unknown")
                .message().doesNotContain("rolled back");

        assertThat(kit.accounts().overview(ana)).as("the organization the command committed")
                .filteredOn(account -> account.kind() == dev.orgkit.account.AccountKind.ORGANIZATION).hasSize(1);
    }

    @Test
    void a_usage_flush_whose_commit_was_not_acknowledged_counts_once_after_its_retry() {
        var dying = new DyingDataSource(database().unpooled());
        OrgKit kit = kit(JdbcStorage.create(dying), new RecordingMailer());
        UserPrincipal ana = user("ana");
        Organization org = kit.organizations().create(ana, acmeForm());
        String secret = kit.apiKeys().create(ana, org.id(), new dev.orgkit.apikey.NewApiKey("ci")).secret();
        for (int i = 0; i < 10; i++) {
            kit.apiKeys().verify(secret);
        }

        dying.loseNextCommitAcknowledgement();
        assertThatThrownBy(() -> kit.apiKeys().flushUsage()).isInstanceOf(StorageException.class)
                .hasMessageContaining("the outcome of the commit is unknown");
        kit.apiKeys().flushUsage();

        assertThat(kit.usage().currentPeriod(ana, org.id()).used()).isEqualTo(10);
    }

    /** After a failed acceptance: the invitation is still pending, bob is no member, and no event says otherwise. */
    static void assertThatNothingWasAccepted(OrgKit kit, UserPrincipal admin, Organization org, String token) {
        assertThat(kit.invitations().preview(token).status()).isEqualTo(InvitationStatus.PENDING);
        assertThat(kit.members().list(admin, org.id(), PageRequest.first(10)).items())
                .extracting(m -> m.userId().value()).containsExactly(admin.userId().value());
        assertThat(kit.audit().list(admin, org.id(), PageRequest.first(10)).items())
                .extracting(AuditEvent::action).doesNotContain(AuditAction.INVITATION_ACCEPTED);
    }

    // ---- helpers ----

    record Kits(OrgKit one, OrgKit two, RecordingMailer mailerOne) {}

    /** Two kits as two JVMs would have them: each its own pool and storage, on the same database. */
    Kits twoKits() {
        RecordingMailer mailerOne = new RecordingMailer();
        OrgKit one = kit(JdbcStorage.create(database().pool(4)), mailerOne);
        OrgKit two = kit(JdbcStorage.create(database().pool(4)), new RecordingMailer());
        return new Kits(one, two, mailerOne);
    }

    OrgKit kit(JdbcStorage storage, Mailer mailer, MutableClock clock) {
        OrgKit kit = OrgKit.builder().storage(storage).mailer(mailer).clock(clock).build();
        closeAfter.add(kit);
        return kit;
    }

    OrgKit kit(JdbcStorage storage, RecordingMailer mailer) {
        OrgKit kit = OrgKit.builder().storage(storage).mailer(mailer).build();
        closeAfter.add(kit);
        return kit;
    }

    /** Runs both at the same instant on two threads; each outcome is the value returned or the exception thrown. */
    List<Object> atOnce(Callable<?> first, Callable<?> second) throws Exception {
        CountDownLatch ready = new CountDownLatch(2);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Object>> futures = new ArrayList<>();
        for (Callable<?> task : List.of(first, second)) {
            futures.add(threads.submit(() -> {
                ready.countDown();
                go.await();
                try {
                    return task.call();
                } catch (RuntimeException e) {
                    return e;
                }
            }));
        }
        ready.await();
        go.countDown();
        List<Object> outcomes = new ArrayList<>();
        for (Future<Object> future : futures) {
            outcomes.add(future.get(60, TimeUnit.SECONDS));
        }
        return outcomes;
    }

    private static String leave(OrgKit kit, UserPrincipal member, Organization org) {
        kit.organizations().leave(member, org.id(), org.accountName());
        return "left";
    }

    /** The denial code of an outcome that is an access-denied or conflict exception; fails on anything else. */
    static DenialCode codeOf(Object outcome) {
        if (outcome instanceof AccessDeniedException denied) {
            return denied.code();
        }
        if (outcome instanceof ConflictException conflict) {
            return conflict.code();
        }
        throw new AssertionError("expected a denial, got " + outcome, outcome instanceof Throwable t ? t : null);
    }

    static UserPrincipal user(String name) {
        return Principal.user("u-" + name, name + "@example.com");
    }

    static NewOrganization acmeForm() {
        return new NewOrganization("Acme", "Acme SAS", "alerts@acme.example", "billing@acme.example");
    }

    static Organization organization(String id) {
        return new Organization(AccountId.of(id), "Acme", "Acme SAS", EmailAddress.of("alerts@acme.example"),
                EmailAddress.of("billing@acme.example"), UserId.of("u-ana"), Instant.parse("2026-01-05T09:00:00Z"), 1);
    }

    static Invitation invitation(Organization org, String id, String email, InvitationStatus status) {
        Instant at = Instant.parse("2026-01-05T09:00:00Z");
        return new Invitation(InvitationId.of(id), org.id(), EmailAddress.of(email), Role.MEMBER, UserId.of("u-ana"),
                EmailAddress.of("ana@example.com"), status, at, at.plusSeconds(3600));
    }

    static SecretHash hash(char digit) {
        return new SecretHash(String.valueOf(digit).repeat(64));
    }

    static Dialect dialectOf(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return Dialect.of(connection);
        }
    }

    /** The migration history as "version:description:checksum". */
    static List<String> history(DataSource dataSource) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(
                        "SELECT version, description, checksum FROM orgkit_schema_history ORDER BY version")) {
            while (result.next()) {
                rows.add(result.getInt(1) + ":" + result.getString(2) + ":" + result.getString(3).strip());
            }
        }
        return rows;
    }
}
