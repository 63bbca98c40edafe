package dev.orgkit.examples.persistent;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.orgkit.OrgKit;
import dev.orgkit.Page;
import dev.orgkit.PageRequest;
import dev.orgkit.Principal;
import dev.orgkit.UserPrincipal;
import dev.orgkit.account.AccountId;
import dev.orgkit.account.AccountSummary;
import dev.orgkit.account.NewOrganization;
import dev.orgkit.mail.InvitationMail;
import dev.orgkit.jdbc.JdbcStorage;
import dev.orgkit.member.Membership;
import dev.orgkit.member.Role;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * orgkit on an H2 file database through {@link JdbcStorage#migrate}: each run prints the members it
 * finds, then invites one more, who accepts. Run it twice: the second run finds the first run's
 * members, because they were committed to the database, not kept in memory.
 *
 * <pre>{@code
 * mvn -B -ntp -q -pl examples/persistent -am compile exec:java
 * }</pre>
 *
 * @since 0.1.0
 */
public final class PersistentExample {
    private PersistentExample() {}

    /** Runs the story on the H2 database at {@code args[0]} (a path without extension), or {@code ./orgkit-example}. */
    public static void main(String[] args) {
        run(Path.of(args.length > 0 ? args[0] : "orgkit-example").toAbsolutePath(), System.out);
    }

    /** Runs the story once on the H2 database at {@code database}, telling it to {@code out}. */
    static void run(Path database, PrintStream out) {
        var config = new HikariConfig();
        config.setJdbcUrl("jdbc:h2:file:" + database);
        config.setMaximumPoolSize(4);
        // Tokens reach invitees by mail only; this mailer hands them to the story, as an inbox would.
        Map<String, String> inbox = new ConcurrentHashMap<>();
        try (HikariDataSource dataSource = new HikariDataSource(config);
                OrgKit kit = OrgKit.builder()
                        .storage(JdbcStorage.migrate(dataSource))
                        .mailer(mail -> {
                            if (mail instanceof InvitationMail invitation) {
                                out.println("  (mail to " + invitation.recipient() + ": join "
                                        + invitation.organizationName() + ")");
                                inbox.put(invitation.recipient().value(), invitation.token());
                            }
                        })
                        .build()) {
            out.println("orgkit on " + database + ".mv.db");
            UserPrincipal ana = Principal.user("u-ana", "ana@example.com");
            AccountId acme = findOrCreateAcme(kit, ana, out);

            List<Membership> members = allMembers(kit, ana, acme);
            out.println("Acme has " + members.size() + " member(s):");
            members.forEach(m -> out.println("  " + m.userId() + "  " + m.email() + "  " + m.role()
                    + "  joined " + m.joinedAt()));

            String email = "member-" + members.size() + "@example.com";
            kit.members().invite(ana, acme, email, Role.MEMBER);
            UserPrincipal newcomer = Principal.user("u-member-" + members.size(), email);
            Membership joined = kit.invitations().accept(newcomer, inbox.get(email));
            out.println("Added " + joined.userId() + " (" + joined.email() + ").");
            out.println("Run it again: the members above are still there after the restart.");
        }
    }

    /** Ana's organization "Acme", created on the first run. */
    private static AccountId findOrCreateAcme(OrgKit kit, UserPrincipal ana, PrintStream out) {
        Optional<AccountSummary> existing = kit.accounts().overview(ana).stream()
                .filter(account -> account.name().equals("Acme"))
                .findFirst();
        if (existing.isPresent()) {
            out.println("Found Acme from an earlier run.");
            return existing.get().accountId();
        }
        out.println("First run: Ana creates Acme.");
        return kit.organizations().create(ana,
                new NewOrganization("Acme", "Acme SAS", "alerts@acme.example", "billing@acme.example")).id();
    }

    /** Every member, page by page, as a members screen would fetch them. */
    private static List<Membership> allMembers(OrgKit kit, UserPrincipal viewer, AccountId organization) {
        List<Membership> all = new ArrayList<>();
        Page<Membership> page = kit.members().list(viewer, organization, PageRequest.first(50));
        all.addAll(page.items());
        while (page.nextCursor().isPresent()) {
            page = kit.members().list(viewer, organization, PageRequest.after(page.nextCursor().get(), 50));
            all.addAll(page.items());
        }
        return all;
    }
}
