package dev.orgkit.examples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The quickstart tells the guide's story, with each rule answering where the guide says it does. */
class QuickstartTest {

    @Test
    void the_story_runs_and_every_refusal_names_its_rule() {
        var bytes = new ByteArrayOutputStream();
        new Quickstart(new PrintStream(bytes, true, StandardCharsets.UTF_8)).run();
        String story = bytes.toString(StandardCharsets.UTF_8);

        assertThat(story)
                .contains("refused: PERSONAL_ACCOUNT_CANNOT_HAVE_MEMBERS")
                .contains("Bob joined as MEMBER")
                .contains("refused: ADMIN_CHANGE_REQUIRES_SUPPORT")
                .contains("File a support request.")
                .contains("Bob sees it REJECTED under TICKET-42: Ana confirmed she stays an admin")
                .contains("SUPPORT_REQUEST_REJECTED")
                .contains("refused: CONFIRMATION_MISMATCH")
                .contains("members: [ana@example.com ADMIN]")
                .contains("the UI asks the policy engine: LAST_ADMIN")
                .contains("refused: LAST_ADMIN")
                .contains("MEMBER_LEFT")
                .contains("MEMBER_REMOVED")
                .contains("verify: VALID, acting for org_")
                .contains("API_KEY_CREATED")
                .contains("mail to alerts@acme.example: Acme has used 80% of its API calls")
                .contains("this month: 4 of 5 calls (80%)")
                .contains("the fifth call: VALID, the sixth: USAGE_EXCEEDED")
                .contains("mail to alerts@acme.example: Acme has used 100% of its API calls")
                .contains("PLAN_ASSIGNED")
                .contains("USAGE_ALERT_SENT");
    }

    @Test
    void the_story_never_prints_an_invitation_token() {
        var bytes = new ByteArrayOutputStream();
        new Quickstart(new PrintStream(bytes, true, StandardCharsets.UTF_8)).run();
        assertThat(bytes.toString(StandardCharsets.UTF_8)).doesNotContain("/invitations/");
    }
}
