package dev.orgkit.smtp;

import static dev.orgkit.smtp.InvitationMailRenderer.escape;

import dev.orgkit.mail.InvitationMail;
import dev.orgkit.mail.KeyExpiryNoticeMail;
import dev.orgkit.mail.OrgKitMail;
import dev.orgkit.mail.UsageAlertMail;
import dev.orgkit.mail.UsageStatementMail;
import dev.orgkit.plan.UsageStatement;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * Renders every kind of {@link OrgKitMail} as a {@link RenderedMail}: subject, plain text, and HTML
 * with every value escaped ({@link InvitationMailRenderer#escape}). {@link SmtpMailer} sends what it
 * renders; other mailers (a Spring {@code JavaMailSender}, an HTTP mail API) can use it to send the
 * same messages. Invitations are rendered by an {@link InvitationMailRenderer}; subclass this class
 * for other wording of the other kinds, escaping every value of the HTML. Immutable and thread-safe.
 *
 * @since 0.2.0
 */
public class MailRenderer {
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("MMMM yyyy", Locale.ENGLISH);
    private static final DateTimeFormatter EXPIRY =
            DateTimeFormatter.ofPattern("d MMMM yyyy, HH:mm 'UTC'", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private final InvitationMailRenderer invitations;

    /** orgkit's default English wording. */
    public MailRenderer() {
        this(new InvitationMailRenderer());
    }

    /** orgkit's default English wording, with invitations rendered by {@code invitations}. */
    public MailRenderer(InvitationMailRenderer invitations) {
        this.invitations = invitations;
    }

    /** Renders any kind of mail. */
    public final RenderedMail render(OrgKitMail mail) {
        if (mail instanceof InvitationMail invitation) {
            return new RenderedMail(invitations.subject(invitation), invitations.text(invitation),
                    invitations.html(invitation), List.of());
        }
        if (mail instanceof UsageAlertMail alert) {
            return usageAlert(alert);
        }
        if (mail instanceof UsageStatementMail statement) {
            return usageStatement(statement);
        }
        return keyExpiryNotice((KeyExpiryNoticeMail) mail);
    }

    /** A usage alert: the threshold reached, the calls used and included. */
    protected RenderedMail usageAlert(UsageAlertMail mail) {
        String subject = mail.accountName() + " has used " + mail.thresholdPercent() + "% of its API calls for "
                + month(mail.period());
        String used = "%,d of the %,d API calls included in the plan".formatted(mail.used(), mail.included());
        String text = """
                Hello,

                %s reached %d%% of the API calls its plan includes for %s: %s.

                You get this mail because an admin set a usage alert at %d%%.
                """.formatted(mail.accountName(), mail.thresholdPercent(), month(mail.period()), used,
                mail.thresholdPercent());
        String html = page(subject, """
                <p>Hello,</p>
                <p><strong>%s</strong> reached <strong>%d%%</strong> of the API calls its plan includes for %s: %s.</p>
                <p>You get this mail because an admin set a usage alert at %d%%.</p>
                """.formatted(escape(mail.accountName()), mail.thresholdPercent(), escape(month(mail.period())),
                escape(used), mail.thresholdPercent()));
        return new RenderedMail(subject, text, html, List.of());
    }

    /** A monthly statement: the total, included and overage, one line per key, and the CSV attached. */
    protected RenderedMail usageStatement(UsageStatementMail mail) {
        UsageStatement statement = mail.statement();
        String subject = "API usage statement of " + statement.legalName() + " for " + month(statement.period());
        String included = statement.included().isPresent() ? "%,d".formatted(statement.included().getAsLong())
                : "unlimited";
        var keysText = new StringBuilder();
        var keysHtml = new StringBuilder();
        for (UsageStatement.KeyTotal key : statement.keys()) {
            keysText.append("  %s: %,d%n".formatted(key.keyName(), key.calls()));
            keysHtml.append("<tr><td>%s</td><td>%,d</td></tr>%n".formatted(escape(key.keyName()), key.calls()));
        }
        String text = """
                Hello,

                The API usage of %s for %s:

                Total calls: %,d
                Included in the plan: %s
                Overage: %,d

                Calls per key:
                %s
                The statement is attached as CSV.
                """.formatted(statement.legalName(), month(statement.period()), statement.total(), included,
                statement.overage(), keysText);
        String html = page(subject, """
                <p>Hello,</p>
                <p>The API usage of <strong>%s</strong> for %s:</p>
                <ul><li>Total calls: %,d</li><li>Included in the plan: %s</li><li>Overage: %,d</li></ul>
                <table><thead><tr><th>Key</th><th>Calls</th></tr></thead><tbody>
                %s</tbody></table>
                <p>The statement is attached as CSV.</p>
                """.formatted(escape(statement.legalName()), escape(month(statement.period())), statement.total(),
                escape(included), statement.overage(), keysHtml));
        var csv = new RenderedMail.Attachment("usage-" + statement.period() + ".csv", "text/csv; charset=UTF-8",
                statement.toCsv());
        return new RenderedMail(subject, text, html, List.of(csv));
    }

    /** A key expiry notice: which key, when, and what to do. Never the secret: only its hint. */
    protected RenderedMail keyExpiryNotice(KeyExpiryNoticeMail mail) {
        String subject = "The API key " + mail.keyName() + " of " + mail.accountName() + " expires soon";
        String when = EXPIRY.format(mail.expiresAt());
        String text = """
                Hello,

                The API key "%s" (%s) of %s expires on %s. Roll it before then to keep your integrations working.
                """.formatted(mail.keyName(), mail.keyHint(), mail.accountName(), when);
        String html = page(subject, """
                <p>Hello,</p>
                <p>The API key <strong>%s</strong> (<code>%s</code>) of <strong>%s</strong> expires on %s.
                Roll it before then to keep your integrations working.</p>
                """.formatted(escape(mail.keyName()), escape(mail.keyHint()), escape(mail.accountName()),
                escape(when)));
        return new RenderedMail(subject, text, html, List.of());
    }

    /** {@code body} in an HTML document titled {@code subject} (escaped here). */
    protected static String page(String subject, String body) {
        return """
                <!DOCTYPE html>
                <html lang="en">
                <head><meta charset="UTF-8"><title>%s</title></head>
                <body>
                %s</body>
                </html>
                """.formatted(escape(subject), body);
    }

    private static String month(YearMonth month) {
        return MONTH.format(month);
    }
}
