package dev.orgkit.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orgkit.EmailAddress;
import dev.orgkit.account.AccountId;
import dev.orgkit.apikey.ApiKeyId;
import dev.orgkit.invitation.InvitationId;
import dev.orgkit.mail.InvitationMail;
import dev.orgkit.mail.KeyExpiryNoticeMail;
import dev.orgkit.mail.OrgKitMail;
import dev.orgkit.mail.UsageAlertMail;
import dev.orgkit.mail.UsageStatementMail;
import dev.orgkit.member.Role;
import dev.orgkit.plan.UsageStatement;
import java.net.URI;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** Every kind of mail renders with its facts in both parts, and nothing a user typed reaches the HTML unescaped. */
class MailRendererTest {
    static final String HOSTILE = "<script>alert('x')</script> & \"Co\"";
    static final EmailAddress TO = EmailAddress.of("alerts@acme.example");
    static final AccountId ACME = AccountId.of("org_1");

    private final MailRenderer renderer = new MailRenderer();

    static UsageAlertMail alert(String accountName) {
        return new UsageAlertMail("org_1.ntc_1", TO, ACME, accountName, 80, YearMonth.of(2026, 11), 80_500, 100_000);
    }

    static UsageStatementMail statement(String legalName, String keyName) {
        return new UsageStatementMail("org_1.ntc_2", EmailAddress.of("billing@acme.example"),
                UsageStatement.of(ACME, legalName, Optional.of(EmailAddress.of("billing@acme.example")),
                        YearMonth.of(2026, 10), List.of(new UsageStatement.KeyTotal(ApiKeyId.of("key_1"), keyName, 1234)),
                        OptionalLong.of(1000)));
    }

    static KeyExpiryNoticeMail expiry(String keyName) {
        return new KeyExpiryNoticeMail("org_1.ntc_3", TO, ACME, "Acme", ApiKeyId.of("key_1"), keyName,
                "ok_live_AbCd...9xYz", Instant.parse("2026-12-01T09:30:00Z"));
    }

    @Test
    void a_usage_alert_says_which_threshold_which_month_and_how_many_calls() {
        RenderedMail mail = renderer.render(alert("Acme"));

        assertThat(mail.subject()).isEqualTo("Acme has used 80% of its API calls for November 2026");
        assertThat(mail.text()).contains("80,500 of the 100,000 API calls included").contains("usage alert at 80%");
        assertThat(mail.html()).contains("<strong>80%</strong>").contains("80,500 of the 100,000");
        assertThat(mail.attachments()).isEmpty();
    }

    @Test
    void a_statement_lists_its_keys_and_totals_and_attaches_its_csv() {
        UsageStatementMail mail = statement("Acme SAS", "ci");
        RenderedMail rendered = renderer.render(mail);

        assertThat(rendered.subject()).isEqualTo("API usage statement of Acme SAS for October 2026");
        assertThat(rendered.text()).contains("Total calls: 1,234").contains("Included in the plan: 1,000")
                .contains("Overage: 234").contains("ci: 1,234");
        assertThat(rendered.attachments()).singleElement().satisfies(csv -> {
            assertThat(csv.fileName()).isEqualTo("usage-2026-10.csv");
            assertThat(csv.contentType()).startsWith("text/csv");
            assertThat(csv.content()).isEqualTo(mail.statement().toCsv());
        });
    }

    @Test
    void a_key_expiry_notice_shows_the_keys_hint_and_when_it_expires() {
        RenderedMail mail = renderer.render(expiry("ci"));

        assertThat(mail.subject()).isEqualTo("The API key ci of Acme expires soon");
        assertThat(mail.text()).contains("ok_live_AbCd...9xYz").contains("1 December 2026, 09:30 UTC");
    }

    @Test
    void an_invitation_renders_as_the_invitation_renderer_says() {
        var invitation = new InvitationMail("inv_1.dlv_1", InvitationId.of("inv_1"), EmailAddress.of("bob@example.com"),
                "Acme", EmailAddress.of("ana@example.com"), Role.MEMBER, URI.create("https://app.example/i/t"), "t",
                Instant.parse("2026-12-01T09:30:00Z"));
        var invitations = new InvitationMailRenderer();

        RenderedMail mail = renderer.render(invitation);

        assertThat(mail).isEqualTo(new RenderedMail(invitations.subject(invitation), invitations.text(invitation),
                invitations.html(invitation), List.of()));
    }

    @Test
    void names_people_typed_are_escaped_in_every_html_part() {
        for (OrgKitMail mail : List.of(alert(HOSTILE), statement(HOSTILE, HOSTILE), expiry(HOSTILE))) {
            String html = renderer.render(mail).html();

            assertThat(html).as("%s", mail.getClass().getSimpleName())
                    .doesNotContain("<script>").doesNotContain("\"Co\"")
                    .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;Co&quot;");
        }
    }
}
