package dev.orgkit.examples.quickstart;

import dev.orgkit.AccessDeniedException;
import dev.orgkit.ConflictException;
import dev.orgkit.EmailAddress;
import dev.orgkit.OrgKit;
import dev.orgkit.OrgKitException;
import dev.orgkit.PageRequest;
import dev.orgkit.Principal;
import dev.orgkit.SupportPrincipal;
import dev.orgkit.UserPrincipal;
import dev.orgkit.account.AccountId;
import dev.orgkit.account.AccountSummary;
import dev.orgkit.account.NewOrganization;
import dev.orgkit.account.Organization;
import dev.orgkit.account.PersonalAccount;
import dev.orgkit.account.ProfileUpdate;
import dev.orgkit.apikey.CreatedApiKey;
import dev.orgkit.apikey.KeyVerification;
import dev.orgkit.apikey.NewApiKey;
import dev.orgkit.audit.AuditEvent;
import dev.orgkit.inmemory.InMemoryStorage;
import dev.orgkit.mail.InvitationMail;
import dev.orgkit.mail.OrgKitMail;
import dev.orgkit.mail.UsageAlertMail;
import dev.orgkit.invitation.InvitationPreview;
import dev.orgkit.member.Membership;
import dev.orgkit.member.Role;
import dev.orgkit.plan.Enforcement;
import dev.orgkit.plan.PeriodUsage;
import dev.orgkit.plan.Plan;
import dev.orgkit.policy.Decision;
import dev.orgkit.policy.Permission;
import dev.orgkit.support.SupportAction;
import dev.orgkit.support.SupportRequest;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The organizations guide's story, told by a host application on the in-memory storage: a personal
 * account that cannot invite, an organization created, a member invited by email who accepts, a
 * promotion, a demotion that only support can do (asked for, and rejected by support), an API key
 * under a plan whose usage alert arrives by mail and whose HARD limit refuses the call beyond it, a
 * removal confirmed by typing the email, a member who leaves by typing the name, and the last admin
 * who cannot leave.
 */
public final class Quickstart {
    private final PrintStream out;
    private final Map<EmailAddress, InvitationMail> inbox = new ConcurrentHashMap<>();

    /** A quickstart that prints its story to {@code out}. */
    public Quickstart(PrintStream out) {
        this.out = out;
    }

    /** Runs the story on {@link System#out}. */
    public static void main(String[] args) {
        new Quickstart(System.out).run();
    }

    /** Runs the whole story. */
    public void run() {
        try (OrgKit kit = OrgKit.builder()
                .storage(InMemoryStorage.create())
                .mailer(this::deliver)
                .invitationLink(token -> java.net.URI.create("https://app.example/invitations/" + token))
                .build()) {
            tell(kit);
        }
    }

    private void deliver(OrgKitMail mail) {
        // A real host hands the mail to SMTP (see orgkit-spi-smtp); here it lands in an inbox.
        if (mail instanceof InvitationMail invitation) {
            inbox.put(invitation.recipient(), invitation);
            out.printf("   ✉  mail to %s: %s invites you to join %s as %s (link valid until %s)%n",
                    invitation.recipient(), invitation.inviterEmail(), invitation.organizationName(),
                    invitation.role(), invitation.expiresAt());
        } else if (mail instanceof UsageAlertMail alert) {
            out.printf("   ✉  mail to %s: %s has used %d%% of its API calls for %s (%d of %d)%n", alert.recipient(),
                    alert.accountName(), alert.thresholdPercent(), alert.period(), alert.used(), alert.included());
        } else {
            out.printf("   ✉  mail to %s (%s)%n", mail.recipient(), mail.getClass().getSimpleName());
        }
    }

    private void tell(OrgKit kit) {
        UserPrincipal ana = Principal.user("u-ana", "ana@example.com");
        UserPrincipal bob = Principal.user("u-bob", "bob@example.com");
        UserPrincipal carol = Principal.user("u-carol", "carol@example.com");

        step("Ana signs in for the first time: she gets a personal account.");
        PersonalAccount personal = kit.accounts().personal(ana);
        out.println("   " + personal.displayName() + " " + personal.id());

        step("Ana tries to invite Bob into her personal account.");
        attempt(() -> kit.members().invite(ana, personal.id(), "bob@example.com", Role.MEMBER));

        step("Ana creates the organization Acme; she becomes its first admin.");
        Organization acme = kit.organizations().create(ana,
                new NewOrganization("Acme", "Acme SAS", "alerts@acme.example", "billing@acme.example"));
        out.println("   " + acme.accountName() + " (" + acme.legalName() + ") " + acme.id());

        step("Ana edits the profile: a new legal name and invoicing email.");
        Organization edited = kit.organizations().updateProfile(ana, acme.id(),
                new ProfileUpdate("Acme Holding SAS", "alerts@acme.example", "ap@acme.example")
                        .expectingVersion(acme.version()));
        out.println("   legal name: " + edited.legalName() + ", invoices to " + edited.invoicingEmail()
                + ", version " + edited.version());

        step("Ana invites bob@example.com as a member.");
        kit.members().invite(ana, acme.id(), "bob@example.com", Role.MEMBER);

        step("Bob opens the link (nothing is consumed), then accepts.");
        String bobsToken = inbox.get(bob.verifiedEmail()).token();
        InvitationPreview preview = kit.invitations().preview(bobsToken);
        out.println("   the page shows: join " + preview.organizationName() + " as " + preview.role()
                + ", invited by " + preview.inviterEmail() + " (" + preview.status() + ")");
        Membership bobJoined = kit.invitations().accept(bob, bobsToken);
        out.println("   Bob joined as " + bobJoined.role());
        members(kit, ana, acme);

        step("Bob switches to Acme: what may he do there?");
        out.println("   " + kit.accounts().switchTo(bob, acme.id()).permissions().stream().sorted().toList());
        for (AccountSummary summary : kit.accounts().overview(bob)) {
            out.println("   Bob's accounts: " + summary.name() + " " + summary.role().map(Role::name).orElse("(owner)"));
        }

        step("Ana promotes Bob to admin.");
        kit.members().changeRole(ana, acme.id(), bob.userId(), Role.ADMIN);
        members(kit, ana, acme);

        step("Bob tries to demote Ana back to member.");
        attempt(() -> kit.members().changeRole(bob, acme.id(), ana.userId(), Role.MEMBER));

        step("Bob files a support request instead; support rejects it, citing a ticket.");
        SupportRequest request = kit.support().request(bob, acme.id(), SupportAction.DEMOTE_ADMIN, ana.userId(),
                "Ana asked to step back");
        out.println("   request " + request.id() + " is " + request.status());
        SupportPrincipal agent = Principal.support("agent-7");
        kit.support().reject(agent, request.id(), "TICKET-42", "Ana confirmed she stays an admin");
        SupportRequest seen = kit.support().get(bob, request.id());
        out.println("   Bob sees it " + seen.status() + " under " + seen.ticket().orElse("") + ": "
                + seen.why().orElse(""));

        step("Ana invites Carol, who accepts.");
        kit.members().invite(ana, acme.id(), "carol@example.com", Role.MEMBER);
        kit.invitations().accept(carol, inbox.get(carol.verifiedEmail()).token());

        step("Ana creates an API key for Acme; Carol, a member, sees only its hint; the API accepts the key.");
        CreatedApiKey key = kit.apiKeys().create(ana, acme.id(), new NewApiKey("ci"));
        out.println("   Carol sees: " + kit.apiKeys().list(carol, acme.id(), PageRequest.first(10)).items().stream()
                .map(k -> k.name() + " " + k.hint()).toList());
        KeyVerification check = kit.apiKeys().verify(key.secret());
        out.println("   verify: " + check.code() + ", acting for " + check.accountId().map(AccountId::value).orElse("-"));

        step("Billing gives Acme a plan of 5 calls a month, refused beyond; Ana asks for alerts at 80% and 100%.");
        kit.plans().assign(acme.id(), Plan.monthly(5).enforcement(Enforcement.HARD));
        kit.usageAlerts().set(ana, acme.id(), Set.of(80, 100));
        for (int call = 0; call < 3; call++) {
            kit.apiKeys().verify(key.secret());
        }
        // A host runs these on a schedule (startUsageFlusher, startDispatcher): usage reaches the
        // storage, the 80% threshold is crossed, and its alert goes out through the outbox.
        kit.apiKeys().flushUsage();
        kit.deliveries().dispatchPending();
        PeriodUsage month = kit.usage().currentPeriod(ana, acme.id());
        out.println("   this month: " + month.used() + " of " + month.included().orElseThrow() + " calls ("
                + month.percent().orElseThrow() + "%)");
        out.println("   the fifth call: " + kit.apiKeys().verify(key.secret()).code() + ", the sixth: "
                + kit.apiKeys().verify(key.secret()).code());
        kit.apiKeys().flushUsage();
        kit.deliveries().dispatchPending();

        step("Ana removes Carol, but mistypes her email.");
        attempt(() -> kit.members().remove(ana, acme.id(), carol.userId(), "carol@example.org"));

        step("Ana types Carol's email correctly.");
        kit.members().remove(ana, acme.id(), carol.userId(), "Carol@Example.com");
        members(kit, ana, acme);

        step("Bob leaves Acme, typing its name to confirm.");
        kit.organizations().leave(bob, acme.id(), "Acme");
        members(kit, ana, acme);

        step("Ana, now the last admin, asks whether she may leave, then tries.");
        Decision mayLeave = kit.policy().decide(ana, acme.id(), Permission.LEAVE);
        out.println("   the UI asks the policy engine: " + describe(mayLeave));
        attempt(() -> kit.organizations().leave(ana, acme.id(), "Acme"));

        step("Acme's audit trail, newest first.");
        for (AuditEvent event : kit.audit().list(ana, acme.id(), PageRequest.first(50)).items()) {
            out.printf("   %s %-24s by %-19s on %-36s %s%n", event.at(), event.action(),
                    event.actor().id() + event.actor().ticket().map(t -> " (" + t + ")").orElse(""), event.target(), event.details().isEmpty() ? "" : new java.util.TreeMap<>(event.details()));
        }
    }

    private void members(OrgKit kit, UserPrincipal viewer, Organization organization) {
        List<Membership> members = kit.members().list(viewer, organization.id(), PageRequest.first(50)).items();
        out.println("   members: " + members.stream().map(m -> m.email() + " " + m.role()).toList());
    }

    private void step(String text) {
        out.println();
        out.println("▶ " + text);
    }

    private void attempt(Runnable command) {
        try {
            command.run();
            out.println("   done");
        } catch (AccessDeniedException e) {
            out.println("   refused: " + describe(e.denial()));
        } catch (ConflictException e) {
            out.println("   refused: " + describe(e.denial()));
        } catch (OrgKitException e) {
            out.println("   refused: " + e.getMessage());
        }
    }

    private static String describe(Decision decision) {
        if (decision instanceof Decision.Denied denied) {
            return denied.code() + ": " + denied.message() + denied.remedy().map(r -> " → " + r).orElse("");
        }
        return "allowed";
    }
}
