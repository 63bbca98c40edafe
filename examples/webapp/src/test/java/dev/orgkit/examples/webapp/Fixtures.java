package dev.orgkit.examples.webapp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orgkit.OrgKit;
import dev.orgkit.UserPrincipal;
import dev.orgkit.account.AccountId;
import dev.orgkit.account.NewOrganization;
import dev.orgkit.examples.webapp.mail.DevMailbox;
import dev.orgkit.examples.webapp.users.AppUsers;
import dev.orgkit.mail.InvitationMail;
import dev.orgkit.member.Role;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Sets the scene of a browser test through orgkit's API, as the users would have through the pages. */
final class Fixtures {
    static final boolean SCREENSHOTS = Boolean.getBoolean("orgkit.screenshots");
    static final Path IMAGES = Path.of(System.getProperty("orgkit.screenshots.dir", "target/screenshots"));

    private final RunningApp app;

    Fixtures(RunningApp app) {
        this.app = app;
    }

    UserPrincipal user(String email) {
        return app.context.getBean(AppUsers.class).byEmail(email).orElseThrow().userPrincipal();
    }

    /** Creates an organization whose first admin is {@code adminEmail}; returns its id. */
    String organization(String adminEmail, String name) {
        return kit().organizations().create(user(adminEmail), new NewOrganization(name, name + " SAS",
                "alerts@" + name.toLowerCase() + ".example", "billing@" + name.toLowerCase() + ".example")).id().value();
    }

    /** Invites {@code email} and returns the link of the mail it got. */
    String invite(String organizationId, String adminEmail, String email, Role role) {
        kit().members().invite(user(adminEmail), AccountId.of(organizationId), email, role);
        return lastLinkTo(email);
    }

    /** Invites {@code email}, who accepts. */
    void join(String organizationId, String adminEmail, String email, Role role) {
        String link = invite(organizationId, adminEmail, email, role);
        kit().invitations().accept(user(email), link.substring(link.lastIndexOf('/') + 1));
    }

    /** The link of the newest mail to {@code email}: absolute, to this app. */
    String lastLinkTo(String email) {
        String link = mails().stream().filter(m -> m.recipient().value().equals(email)).findFirst()
                .orElseThrow().acceptLink().toString();
        assertThat(link).startsWith(app.baseUrl + "/invitations/");
        return link;
    }

    private List<InvitationMail> mails() {
        return app.context.getBean(DevMailbox.class).invitations();
    }

    private OrgKit kit() {
        return app.kit();
    }

    static void shot(Browser browser, String name) throws IOException {
        if (SCREENSHOTS) {
            browser.screenshot(IMAGES, name);
        }
    }
}
