package dev.orgkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orgkit.OrgKit;
import dev.orgkit.Principal;
import dev.orgkit.SupportPrincipal;
import dev.orgkit.UserPrincipal;
import dev.orgkit.account.NewOrganization;
import dev.orgkit.account.Organization;
import dev.orgkit.account.PersonalAccount;
import dev.orgkit.apikey.NewApiKey;
import dev.orgkit.invitation.Invitation;
import dev.orgkit.lifecycle.Users;
import dev.orgkit.member.Role;
import dev.orgkit.support.SupportAction;
import dev.orgkit.support.SupportRequest;
import dev.orgkit.tck.RecordingMailer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Erasing a user leaves their addresses (those of their memberships, ended ones included) in no
 * column of any row of any orgkit table: the tables are found through the database's metadata, so a
 * table added later is searched too.
 */
abstract class JdbcErasureContract {
    private static final SupportPrincipal AGENT = Principal.support("agent-7");

    /** The database of this run, migrated. */
    protected abstract TestDatabase database();

    /** A migrated pool on {@link #database()}, shared by the run. */
    protected abstract DataSource dataSource();

    /** Protects erasure (GDPR): after a rich history, the erased user's address is nowhere, in any case. */
    @Test
    void no_table_holds_the_address_of_an_erased_user_after_a_rich_history() throws SQLException {
        RecordingMailer mailer = new RecordingMailer();
        OrgKit kit = OrgKit.builder().storage(JdbcStorage.create(dataSource())).mailer(mailer).build();
        String run = UUID.randomUUID().toString().substring(0, 8);
        UserPrincipal ana = user("ana", run);
        UserPrincipal erin = user("erin", run);
        UserPrincipal carol = user("carol", run);
        UserPrincipal dave = user("dave", run);
        String address = erin.verifiedEmail().value();

        // Invited and accepted, as an admin of Acme beside Ana.
        Organization acme = kit.organizations().create(ana,
                new NewOrganization("Acme", "Acme SAS", "alerts@acme.example", "billing@acme.example"));
        kit.members().invite(ana, acme.id(), address, Role.ADMIN);
        kit.invitations().accept(erin, mailer.lastTokenFor(address));
        // Invited others: one accepted, one still pending.
        kit.members().invite(erin, acme.id(), carol.verifiedEmail().value(), Role.MEMBER);
        kit.invitations().accept(carol, mailer.lastTokenFor(carol.verifiedEmail().value()));
        Invitation toDave = kit.members().invite(erin, acme.id(), dave.verifiedEmail().value(), Role.MEMBER);
        // A mail to Erin failed (its error names her), was resent, and she declined.
        Organization beta = kit.organizations().create(ana,
                new NewOrganization("Beta", "Beta SAS", "alerts@beta.example", "billing@beta.example"));
        mailer.failing(true);
        Invitation toErin = kit.members().invite(ana, beta.id(), address, Role.MEMBER);
        mailer.failing(false);
        kit.invitations().resend(ana, toErin.id());
        kit.invitations().decline(erin, mailer.lastTokenFor(address));
        // A support request she filed, rejected.
        SupportRequest request = kit.support().request(erin, acme.id(), SupportAction.DEMOTE_ADMIN, ana.userId(),
                "Ana left the team");
        kit.support().reject(AGENT, request.id(), "TICKET-1", "Ana is still here");
        // Her own organization, with her address as its contacts, and a key.
        Organization solo = kit.organizations().create(erin,
                new NewOrganization("Erinco", "Erinco Ltd", address, address.toUpperCase(Locale.ROOT)));
        kit.apiKeys().create(erin, solo.id(), new NewApiKey("ci"));
        kit.apiKeys().create(erin, acme.id(), new NewApiKey("deploy"));
        // Her personal account: alerts to her address, a key about to expire whose notice failed.
        PersonalAccount personal = kit.accounts().personal(erin);
        kit.usageAlerts().set(erin, personal.id(), Set.of(80));
        kit.apiKeys().create(erin, personal.id(), new NewApiKey("laptop")
                .expiringAt(Instant.now().plus(Duration.ofDays(3))));
        mailer.failing(true);
        assertThat(kit.deliveries().dispatchPending().failed()).isEqualTo(1);
        mailer.failing(false);
        // An earlier job: a member of Gamma under her work address, until she left.
        String workAddress = "erin.work." + run + "@example.org";
        UserPrincipal erinAtWork = Principal.user(erin.userId().value(), workAddress);
        Organization gamma = kit.organizations().create(ana,
                new NewOrganization("Gamma", "Gamma SAS", "alerts@gamma.example", "billing@gamma.example"));
        kit.members().invite(ana, gamma.id(), workAddress, Role.MEMBER);
        kit.invitations().accept(erinAtWork, mailer.lastTokenFor(workAddress));
        kit.organizations().leave(erinAtWork, gamma.id(), "Gamma");
        assertThat(mentions(workAddress)).as("the history names her work address before the erasure")
                .anySatisfy(found -> assertThat(found).startsWith("orgkit_invitations."))
                .anySatisfy(found -> assertThat(found).startsWith("orgkit_audit_events."));
        assertThat(mentions(address)).as("the history names her before the erasure")
                .anySatisfy(found -> assertThat(found).startsWith("orgkit_memberships."))
                .anySatisfy(found -> assertThat(found).startsWith("orgkit_invitations."))
                .anySatisfy(found -> assertThat(found).startsWith("orgkit_audit_events."))
                .anySatisfy(found -> assertThat(found).startsWith("orgkit_accounts."))
                .anySatisfy(found -> assertThat(found).startsWith("orgkit_usage_alerts."))
                .anySatisfy(found -> assertThat(found).startsWith("orgkit_notices."));

        kit.users().erase(erin.userId());

        assertThat(mentions(address)).isEmpty();
        assertThat(mentions(workAddress)).as("the address of a membership she had ended").isEmpty();
        assertThat(mentions(Users.pseudonymOf(erin.userId()))).as("rows keep their history under the pseudonym")
                .anySatisfy(found -> assertThat(found).startsWith("orgkit_invitations."))
                .anySatisfy(found -> assertThat(found).startsWith("orgkit_audit_events."))
                .anySatisfy(found -> assertThat(found).startsWith("orgkit_accounts."));
        assertThat(kit.invitations().accept(dave, mailer.lastTokenFor(dave.verifiedEmail().value())).organizationId())
                .as("the invitation she sent stays acceptable").isEqualTo(toDave.organizationId());
    }

    private static UserPrincipal user(String name, String run) {
        return Principal.user("u-" + name + "-" + run, name + "." + run + "@example.com");
    }

    /**
     * Every table.column whose value mentions {@code text} in any case, as it is or URL-encoded (as
     * in audit details), in every orgkit table the metadata lists.
     */
    private List<String> mentions(String text) throws SQLException {
        List<String> wanted = List.of(text.toLowerCase(Locale.ROOT),
                URLEncoder.encode(text, StandardCharsets.UTF_8).toLowerCase(Locale.ROOT));
        List<String> found = new ArrayList<>();
        try (Connection connection = dataSource().getConnection(); Statement statement = connection.createStatement()) {
            List<String> tables = new ArrayList<>();
            DatabaseMetaData metadata = connection.getMetaData();
            try (ResultSet rows = metadata.getTables(connection.getCatalog(), connection.getSchema(), "%",
                    new String[] {"TABLE"})) {
                while (rows.next()) {
                    String table = rows.getString("TABLE_NAME").toLowerCase(Locale.ROOT);
                    if (table.startsWith("orgkit_")) {
                        tables.add(table);
                    }
                }
            }
            assertThat(tables).as("the tables the metadata lists").containsAll(TestDatabase.TABLES);
            for (String table : tables) {
                try (ResultSet rows = statement.executeQuery("SELECT * FROM " + table)) {
                    int columns = rows.getMetaData().getColumnCount();
                    while (rows.next()) {
                        for (int i = 1; i <= columns; i++) {
                            String value = rows.getString(i);
                            if (value != null && wanted.stream().anyMatch(value.toLowerCase(Locale.ROOT)::contains)) {
                                found.add(table + "." + rows.getMetaData().getColumnName(i).toLowerCase(Locale.ROOT)
                                        + " = " + value);
                            }
                        }
                    }
                }
            }
        }
        return found;
    }
}
