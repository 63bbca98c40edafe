package dev.orgkit.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checker finds each kind of broken promise in a run's database and journals (written here by
 * hand), and finds nothing in a consistent run: a checker that cannot fail would prove nothing.
 */
class CheckerTest {
    private static final String ORG = "org_1";
    private static final String ERASABLE = "x-w0-1-0-1";
    private static final Settings SETTINGS = Settings.parse("--cacheMillis=2000", "--verifyThreads=1",
            "--verifyPerSecond=10");

    @TempDir
    Path dir;

    private final Snapshot db = new Snapshot();
    private Map<String, Long> kills = Map.of();
    private final List<Mailbox.Mail> mails = new ArrayList<>();

    @BeforeEach
    void an_organization_created_by_its_admin() {
        db.organizations.add(ORG);
        db.members.add(new Snapshot.Member(ORG, "u00", "u00@rel.example", "ADMIN"));
        event("ORGANIZATION_CREATED", "u00", ORG, Map.of("admin", "u00", "accountName", "rel-org-0"));
        try (Journal setup = journal("setup-1")) {
            setup.write("C", "0.1", 1, "CREATE_ORGANIZATION", AuditKeys.organizationCreated("u00", "rel-org-0"));
            setup.write("A", "0.1", 2, ORG);
            setup.write("END", 3);
        }
    }

    @Test
    void a_consistent_run_has_no_violation() {
        invitation(Journals.Ending.ACKNOWLEDGED, true);

        assertThat(check().violations()).isZero();
    }

    @Test
    void an_acknowledged_invitation_without_its_audit_event_is_a_violation() {
        invitation(Journals.Ending.ACKNOWLEDGED, false);

        assertThat(violations(check(), "one audit event per acknowledged command"))
                .singleElement().asString().contains("0 event(s) for 1 acknowledged");
    }

    @Test
    void a_refused_invitation_that_left_an_audit_event_is_a_violation() {
        invitation(Journals.Ending.REFUSED, true);

        assertThat(violations(check(), "one audit event per acknowledged command"))
                .singleElement().asString().contains("1 event(s) for 0 acknowledged, 0 unknown and 1 refused");
    }

    @Test
    void a_command_whose_outcome_the_client_never_learned_may_have_committed_or_not() {
        invitation(Journals.Ending.UNKNOWN, true);
        invitation(Journals.Ending.IN_FLIGHT, false);

        assertThat(check().violations()).isZero();
    }

    @Test
    void a_trail_that_leaves_an_organization_without_an_admin_is_a_violation() {
        db.members.clear();
        event("MEMBER_LEFT", "u00", "u00", Map.of("email", "u00@rel.example", "role", "ADMIN"));
        try (Journal w0 = journal("w0-1")) {
            w0.write("C", "0.1", 10, "LEAVE", AuditKeys.left(dev.orgkit.account.AccountId.of(ORG),
                    dev.orgkit.UserId.of("u00")));
            w0.write("A", "0.1", 11, "");
            w0.write("END", 12);
        }

        Report report = check();

        assertThat(violations(report, "every organization has an admin (now)")).hasSize(1);
        assertThat(violations(report, "every organization has an admin after every event")).hasSize(1);
    }

    @Test
    void memberships_that_the_trail_does_not_explain_are_a_violation() {
        db.members.add(new Snapshot.Member(ORG, "u07", "u07@rel.example", "ADMIN"));

        assertThat(violations(check(), "the audit trail replays to the memberships")).singleElement().asString()
                .contains("u07=ADMIN");
    }

    @Test
    void a_pending_invitation_whose_mail_was_given_up_is_lost() {
        db.invitations.add(new Snapshot.Invitation(ORG, "inv_1", "u05@rel.example", "PENDING", "GIVEN_UP", 3));
        Report report = new Report("test");

        DeliveryChecks.mailSentOrDue(db, report);

        assertThat(report.violations()).isEqualTo(1);
        assertThat(violations(check(), "every pending invitation's mail is sent (after the drain)")).hasSize(1);
    }

    @Test
    void a_key_that_verifies_valid_elsewhere_after_the_cache_bound_is_a_violation() {
        revokeAt(1_000, "key_1");
        verified("w1-1", "key_1", 1_000 + 2_001, true);

        assertThat(violations(check(), "a revoked key answers REVOKED")).singleElement().asString()
                .contains("2001 ms after");
    }

    @Test
    void a_key_that_verifies_valid_elsewhere_within_the_cache_bound_is_not() {
        revokeAt(1_000, "key_1");
        verified("w1-1", "key_1", 1_000 + 1_999, true);

        assertThat(violations(check(), "a revoked key answers REVOKED")).isEmpty();
    }

    @Test
    void a_key_revoked_twice_at_once_has_one_event_and_that_is_no_violation() {
        revokeAt(1_000, "key_1");
        try (Journal w1 = journal("w1-1")) {
            w1.write("C", "0.1", 990, "KEY_REVOKE", AuditKeys.keyRevoked(dev.orgkit.UserId.of("u03"), "key_1"));
            w1.write("A", "0.1", 1_001, "key_1");
            w1.write("END", 2_000);
        }

        assertThat(check().violations()).isZero();
    }

    @Test
    void an_acknowledged_revocation_without_any_event_is_a_violation() {
        revokeAt(1_000, "key_1");
        db.events.removeIf(e -> e.action().equals("API_KEY_REVOKED"));

        assertThat(violations(check(), "a key revoked by an acknowledged command")).singleElement().asString()
                .contains("key_1: 0 API_KEY_REVOKED events");
    }

    @Test
    void usage_stored_unlike_the_acknowledged_verifications_of_a_process_that_stopped_is_a_violation() {
        verified("w1-1", "key_1", 500, true);
        db.usage.put("key_1", 4L);

        assertThat(violations(check(), "usage of a process that stopped")).singleElement().asString()
                .contains("4 stored, 5 VALID");
    }

    @Test
    void usage_counted_twice_is_a_violation() {
        verified("w1-1", "key_1", 500, true);
        db.usage.put("key_1", 6L);

        assertThat(violations(check(), "usage of a process that stopped")).singleElement().asString()
                .contains("6 stored, 5 VALID");
    }

    @Test
    void usage_counted_twice_after_a_failed_flush_is_a_violation_too() {
        verified("w1-1", "key_1", 500, true);
        try (Journal w1 = journal("w1-1")) {
            w1.write("F", 400, 410, "fail", 0, "08006");
        }
        db.usage.put("key_1", 9L);

        Report report = check();

        assertThat(violations(report, "usage of a process that stopped")).singleElement().asString()
                .contains("9 stored, 5 VALID");
        assertThat(report.figures).containsEntry("usage flushes that failed (each retried with the same batch)", "1");
    }

    @Test
    void a_killed_process_may_lose_only_what_it_counted_after_its_last_successful_flush() {
        try (Journal w1 = journal("w1-1")) {
            w1.write("U", 100, "key_1", 10, 90);
            w1.write("F", 200, 210, "ok", 10);
            w1.write("U", 300, "key_1", 20, 290);
            w1.write("F", 400, 450, "fail", 0);
        }
        kills = Map.of("w1-1", 500L);

        db.usage.put("key_1", 10L);
        assertThat(violations(check(), "a killed process lost at most")).isEmpty();
        db.usage.put("key_1", 9L);
        assertThat(violations(check(), "a killed process lost at most")).singleElement().asString()
                .contains("10 were counted before their last successful flush");
        db.usage.put("key_1", 26L);
        assertThat(violations(check(), "a killed process lost at most")).singleElement().asString()
                .contains("more than the 20 journaled (+5)");
    }

    private void invitation(Journals.Ending ending, boolean eventStored) {
        String key = AuditKeys.invited(dev.orgkit.account.AccountId.of(ORG), dev.orgkit.UserId.of("u00"),
                "u05@rel.example");
        try (Journal w0 = journal("w0-" + (ending == Journals.Ending.IN_FLIGHT ? 2 : 1))) {
            w0.write("C", "0.1", 10, "INVITE", key);
            switch (ending) {
                case ACKNOWLEDGED -> w0.write("A", "0.1", 11, "inv_1");
                case REFUSED -> w0.write("R", "0.1", 11, "INVITATION_ALREADY_PENDING");
                case UNKNOWN -> w0.write("X", "0.1", 11, "PSQLException");
                default -> { }
            }
            if (ending != Journals.Ending.IN_FLIGHT) {
                w0.write("END", 12);
            }
        }
        if (ending == Journals.Ending.IN_FLIGHT) {
            kills = Map.of("w0-2", 13L);
        }
        if (eventStored) {
            event("MEMBER_INVITED", "u00", "inv_1", Map.of("email", "u05@rel.example", "role", "MEMBER"));
            mailed("inv_1", "u05@rel.example");
        }
    }

    /** The invitation is pending and its mail reached the mailer and was recorded as sent. */
    private void mailed(String invitationId, String email) {
        db.invitations.add(new Snapshot.Invitation(ORG, invitationId, email, "PENDING", "SENT", 1));
        event("INVITATION_MAIL_SENT", "system", invitationId, Map.of("messageId", "msg_" + invitationId));
        mails.add(new Mailbox.Mail(20, invitationId, "msg_" + invitationId, email, "token"));
    }

    @Test
    void a_bulk_invitation_journals_one_outcome_per_row_and_balances_with_one_event_per_invited_row() {
        bulk(List.of(Outcomes.Row.done("inv_1"), Outcomes.Row.refused("ALREADY_A_MEMBER"),
                Outcomes.Row.refused("INVALID_INPUT")));
        event("MEMBER_INVITED", "u00", "inv_1", Map.of("email", "u05@rel.example", "role", "MEMBER"));
        mailed("inv_1", "u05@rel.example");

        Report report = check();

        assertThat(report.violations()).isZero();
        assertThat(report.commands.get("INVITE_ALL")[Journals.Ending.ACKNOWLEDGED.ordinal()]).isEqualTo(1);
        assertThat(report.commands.get("INVITE_ALL")[Journals.Ending.REFUSED.ordinal()]).isEqualTo(2);
    }

    @Test
    void a_refused_row_of_a_bulk_invitation_that_left_an_event_is_a_violation() {
        bulk(List.of(Outcomes.Row.done("inv_1"), Outcomes.Row.refused("ALREADY_A_MEMBER"),
                Outcomes.Row.refused("INVALID_INPUT")));
        event("MEMBER_INVITED", "u00", "inv_1", Map.of("email", "u05@rel.example", "role", "MEMBER"));
        mailed("inv_1", "u05@rel.example");
        event("MEMBER_INVITED", "u00", "inv_2", Map.of("email", "u00@rel.example", "role", "MEMBER"));
        mailed("inv_2", "u00@rel.example");

        assertThat(violations(check(), "one audit event per acknowledged command")).singleElement().asString()
                .contains("u00@rel.example: 1 event(s) for 0 acknowledged, 0 unknown and 1 refused");
    }

    @Test
    void a_bulk_invitation_whose_storage_failed_may_have_committed_every_row_or_none() {
        bulk(() -> {
            throw new dev.orgkit.StorageException("connection lost", null);
        });
        event("MEMBER_INVITED", "u00", "inv_1", Map.of("email", "u05@rel.example", "role", "MEMBER"));
        mailed("inv_1", "u05@rel.example");

        assertThat(check().violations()).isZero();
    }

    @Test
    void an_invitation_made_with_a_link_owes_no_mail() {
        linkInvitation("NONE");

        assertThat(check().violations()).isZero();
    }

    @Test
    void an_invitation_made_with_a_link_that_has_a_delivery_is_a_violation() {
        linkInvitation("PENDING");

        assertThat(violations(check(), "an invitation made with a link has no mail")).singleElement().asString()
                .contains("inv_9 was invited with a link, yet its delivery is PENDING");
    }

    @Test
    void an_invitation_beyond_the_seats_of_the_plan_is_a_violation() {
        event("PLAN_ASSIGNED", "system", ORG, Map.of("seats", "2"));
        event("MEMBER_INVITED", "u00", "inv_1", Map.of("email", "u05@rel.example", "role", "MEMBER"));
        assertThat(violations(check(), "no invitation or acceptance made an organization use more seats")).isEmpty();

        event("MEMBER_INVITED", "u00", "inv_2", Map.of("email", "u06@rel.example", "role", "MEMBER"));

        assertThat(violations(check(), "no invitation or acceptance made an organization use more seats"))
                .singleElement().asString().contains("used 3 seats (1 members, 2 pending) of 2");
    }

    @Test
    void lowering_the_seats_below_what_is_used_is_allowed_but_an_acceptance_after_it_is_a_violation() {
        event("PLAN_ASSIGNED", "system", ORG, Map.of("seats", "2"));
        event("MEMBER_INVITED", "u00", "inv_1", Map.of("email", "u05@rel.example", "role", "MEMBER"));
        event("PLAN_ASSIGNED", "system", ORG, Map.of("seats", "1", "old.seats", "2"));
        assertThat(violations(check(), "no invitation or acceptance made an organization use more seats")).isEmpty();

        event("INVITATION_ACCEPTED", "u05", "u05", Map.of("invitation", "inv_1", "role", "MEMBER"));

        assertThat(violations(check(), "no invitation or acceptance made an organization use more seats"))
                .singleElement().asString().contains("used 2 seats (2 members, 0 pending) of 1");
    }

    @Test
    void events_of_one_millisecond_are_judged_together() {
        event("PLAN_ASSIGNED", "system", ORG, Map.of("seats", "2"));
        event("MEMBER_INVITED", "u00", "inv_1", Map.of("email", "u05@rel.example", "role", "MEMBER"));
        // The invitation committed after the revocation, though its event sorts first within the millisecond.
        db.events.add(new Snapshot.Event(ORG, "evt_a", "USER", "u00", "MEMBER_INVITED", "inv_2",
                Map.of("email", "u06@rel.example", "role", "MEMBER"), 100));
        db.events.add(new Snapshot.Event(ORG, "evt_b", "USER", "u00", "INVITATION_REVOKED", "inv_1", Map.of(), 100));

        assertThat(violations(check(), "no invitation or acceptance made an organization use more seats")).isEmpty();
    }

    @Test
    void a_pending_invitation_that_the_trail_does_not_explain_is_a_violation() {
        db.invitations.add(new Snapshot.Invitation(ORG, "inv_7", "u07@rel.example", "PENDING", "SENT", 1));

        assertThat(violations(check(), "the audit trail replays to the pending invitations")).singleElement()
                .asString().contains("the table holds [inv_7]");
    }

    @Test
    void a_key_of_a_deleted_organization_verified_after_the_cache_bound_is_a_violation() {
        deletedAt(1_000, "key_1");
        verified("w1-1", "key_1", 1_000 + 2_001, true);

        assertThat(violations(check(), "a key of a deleted organization answers REVOKED")).singleElement().asString()
                .contains("key_1 of org_1, deleted by w0-1, verified VALID in w1-1 2001 ms after");
    }

    @Test
    void a_key_of_a_deleted_organization_verified_within_the_cache_bound_elsewhere_is_not() {
        deletedAt(1_000, "key_1");
        verified("w1-1", "key_1", 1_000 + 1_999, true);

        assertThat(violations(check(), "a key of a deleted organization answers REVOKED")).isEmpty();
    }

    @Test
    void the_deletion_revokes_pending_invitations_and_nothing_joins_until_the_restore() {
        event("MEMBER_INVITED", "u00", "inv_1", Map.of("email", "u05@rel.example", "role", "MEMBER"));
        db.invitations.add(new Snapshot.Invitation(ORG, "inv_1", "u05@rel.example", "REVOKED", "GIVEN_UP", 1));
        event("ORGANIZATION_DELETED", "u00", ORG, Map.of("accountName", "rel-org-0"));
        event("ORGANIZATION_RESTORED", "agent-w0", ORG, Map.of("ticket", "T-1"));
        event("MEMBER_INVITED", "u00", "inv_2", Map.of("email", "u06@rel.example", "role", "MEMBER"));
        db.invitations.add(new Snapshot.Invitation(ORG, "inv_2", "u06@rel.example", "PENDING", "SENT", 1));

        Report report = check();
        assertThat(violations(report, "the audit trail replays to the pending invitations")).isEmpty();
        assertThat(violations(report, "nothing is invited, accepted or keyed into a deleted organization")).isEmpty();

        event("ORGANIZATION_DELETED", "u00", ORG, Map.of("accountName", "rel-org-0"));
        event("MEMBER_INVITED", "u00", "inv_3", Map.of("email", "u07@rel.example", "role", "MEMBER"));

        assertThat(violations(check(), "nothing is invited, accepted or keyed into a deleted organization"))
                .singleElement().asString().contains("MEMBER_INVITED) happened before it was restored");
    }

    @Test
    void an_acknowledged_erasure_with_its_event_and_no_address_left_is_no_violation() {
        erasure("A", 1, 1);

        Report report = check();

        assertThat(report.violations()).isZero();
        assertThat(report.checks).filteredOn(c -> c.name.startsWith("an erased user's addresses"))
                .singleElement().satisfies(c -> assertThat(c.checked).isEqualTo(2));
        assertThat(report.commands.get("ERASE_USER")[Journals.Ending.ACKNOWLEDGED.ordinal()]).isEqualTo(1);
    }

    @Test
    void an_address_left_after_an_acknowledged_erasure_is_a_violation_in_any_case_and_url_encoded() {
        erasure("A", 1, 1);
        String address = Population.erasable(ERASABLE).verifiedEmail().value();
        db.mentions.add(new Snapshot.Mention("orgkit_invitation_deliveries", "last_error",
                "550 no mailbox " + address.toUpperCase(Locale.ROOT)));
        assertThat(violations(check(), "an erased user's addresses")).singleElement().asString()
                .contains("orgkit_invitation_deliveries.last_error");

        db.mentions.clear();
        db.mentions.add(new Snapshot.Mention("orgkit_audit_events", "details", "email="
                + URLEncoder.encode(Population.erasableAtWork(ERASABLE).verifiedEmail().value(),
                        StandardCharsets.UTF_8) + "&role=MEMBER"));
        assertThat(violations(check(), "an erased user's addresses")).singleElement().asString()
                .contains(ERASABLE + ".work@erase.rel.example is in [orgkit_audit_events.details");
    }

    @Test
    void an_acknowledged_erasure_without_its_user_erased_event_is_a_violation() {
        erasure("A", 2, 1);

        assertThat(violations(check(), "one audit event per acknowledged command")).singleElement().asString()
                .contains("USER_ERASED|" + ERASABLE + ": 1 event(s) for 2 acknowledged");
    }

    @Test
    void a_refused_erasure_that_wrote_an_event_is_a_violation() {
        erasure("R", 1, 1);

        assertThat(violations(check(), "one audit event per acknowledged command")).singleElement().asString()
                .contains("1 event(s) for 0 acknowledged, 0 unknown and 1 refused");
    }

    @Test
    void erasing_an_erased_user_again_must_write_nothing() {
        erasure("A", 1, 2);
        try (Journal w0 = journal("w0-1")) {
            w0.write("C", "0.4", 20, "ERASE_USER", AuditKeys.userErased(dev.orgkit.UserId.of(ERASABLE)), 0);
            w0.write("A", "0.4", 21, "0");
        }

        assertThat(violations(check(), "one audit event per acknowledged command")).singleElement().asString()
                .contains("2 event(s) for 1 acknowledged");
    }

    @Test
    void an_erasure_whose_outcome_is_unknown_may_have_committed_or_not_and_proves_nothing_about_addresses() {
        erasure("X", 1, 0);

        Report report = check();

        assertThat(report.violations()).isZero();
        assertThat(report.checks).filteredOn(c -> c.name.startsWith("an erased user's addresses"))
                .singleElement().satisfies(c -> assertThat(c.checked).isZero());
    }

    @Test
    void an_erased_user_invited_again_may_be_named_again() {
        erasure("A", 1, 1);
        String address = Population.erasable(ERASABLE).verifiedEmail().value();
        try (Journal w0 = journal("w0-1")) {
            w0.write("C", "0.5", 30, "INVITE_WITH_LINK", AuditKeys.invitedWithLink(
                    dev.orgkit.account.AccountId.of(ORG), dev.orgkit.UserId.of("u00"), address));
            w0.write("A", "0.5", 31, "inv_y");
        }
        event("MEMBER_INVITED", "u00", "inv_y", Map.of("email", address, "role", "MEMBER", "delivery", "link"));
        db.invitations.add(new Snapshot.Invitation(ORG, "inv_y", address, "PENDING", "NONE", 0));
        db.mentions.add(new Snapshot.Mention("orgkit_invitations", "email", address));

        assertThat(check().violations()).isZero();
    }

    /**
     * w0-1 invites the erasable user with a link into the organization, the user accepts, and w0-1
     * erases them expecting {@code expected} events, ending {@code ending} ({@code A}, {@code R} or
     * {@code X}); the database holds {@code stored} {@code USER_ERASED} events, and the user's
     * address only as its pseudonym when there is one (else still as a member).
     */
    private void erasure(String ending, int expected, int stored) {
        var org = dev.orgkit.account.AccountId.of(ORG);
        var user = dev.orgkit.UserId.of(ERASABLE);
        String address = Population.erasable(ERASABLE).verifiedEmail().value();
        String shown = stored > 0 ? dev.orgkit.lifecycle.Users.pseudonymOf(user) : address;
        try (Journal w0 = journal("w0-1")) {
            w0.write("C", "0.1", 10, "INVITE_WITH_LINK", AuditKeys.invitedWithLink(org, dev.orgkit.UserId.of("u00"),
                    address));
            w0.write("A", "0.1", 11, "inv_x");
            w0.write("C", "0.2", 12, "ACCEPT_LINK", AuditKeys.accepted(user, "inv_x"));
            w0.write("A", "0.2", 13, "MEMBER");
            w0.write("C", "0.3", 14, "ERASE_USER", AuditKeys.userErased(user), expected);
            w0.write(ending, "0.3", 15, ending.equals("R") ? "LAST_ADMIN" : ending.equals("X") ? "PSQLException:57P01" : "");
            w0.write("END", 16);
        }
        event("MEMBER_INVITED", "u00", "inv_x", Map.of("email", shown, "role", "MEMBER", "delivery", "link"));
        event("INVITATION_ACCEPTED", ERASABLE, ERASABLE, Map.of("invitation", "inv_x", "email", shown, "role", "MEMBER"));
        db.invitations.add(new Snapshot.Invitation(ORG, "inv_x", shown, "ACCEPTED", "NONE", 0));
        for (int i = 0; i < stored; i++) {
            event("USER_ERASED", "system", ERASABLE, Map.of("role", "MEMBER"));
        }
        if (stored == 0) {
            db.members.add(new Snapshot.Member(ORG, ERASABLE, address, "MEMBER"));
            db.mentions.add(new Snapshot.Mention("orgkit_memberships", "email", address));
        }
    }

    /** w0-1 created key_1 of the organization, then deleted it; the deletion returned at {@code at}. */
    private void deletedAt(long at, String keyId) {
        var org = dev.orgkit.account.AccountId.of(ORG);
        var admin = dev.orgkit.UserId.of("u00");
        try (Journal w0 = journal("w0-1")) {
            w0.write("C", "0.1", at - 100, "KEY_CREATE", AuditKeys.keyCreated(org, admin));
            w0.write("A", "0.1", at - 90, keyId);
            w0.write("C", "0.2", at - 5, "DELETE_ORGANIZATION", AuditKeys.organizationDeleted(org, admin));
            w0.write("A", "0.2", at, "");
            w0.write("END", at + 10_000);
        }
        event("API_KEY_CREATED", "u00", keyId, Map.of("name", "life"));
        event("ORGANIZATION_DELETED", "u00", ORG, Map.of("accountName", "rel-org-0"));
    }

    private void bulk(List<Outcomes.Row> rows) {
        bulk(() -> rows);
    }

    /** Rows: u05 (invited), u00 (the admin: a member), u05 again (invalid in the batch). */
    private void bulk(Supplier<List<Outcomes.Row>> call) {
        var org = dev.orgkit.account.AccountId.of(ORG);
        var admin = dev.orgkit.UserId.of("u00");
        try (Journal w0 = journal("w0-1")) {
            new Outcomes(w0, "0").runRows("INVITE_ALL", List.of(AuditKeys.invited(org, admin, "u05@rel.example"),
                    AuditKeys.invited(org, admin, "u00@rel.example"), AuditKeys.invited(org, admin, "u05@rel.example")),
                    call);
            w0.write("END", 30);
        }
    }

    private void linkInvitation(String delivery) {
        try (Journal w0 = journal("w0-1")) {
            w0.write("C", "0.1", 10, "INVITE_WITH_LINK", AuditKeys.invitedWithLink(dev.orgkit.account.AccountId.of(ORG),
                    dev.orgkit.UserId.of("u00"), "u09@rel.example"));
            w0.write("A", "0.1", 11, "inv_9");
            w0.write("END", 12);
        }
        event("MEMBER_INVITED", "u00", "inv_9", Map.of("email", "u09@rel.example", "role", "MEMBER",
                "delivery", "link"));
        db.invitations.add(new Snapshot.Invitation(ORG, "inv_9", "u09@rel.example", "PENDING", delivery, 0));
    }

    private void revokeAt(long at, String keyId) {
        try (Journal w0 = journal("w0-1")) {
            w0.write("C", "0.1", at - 5, "KEY_REVOKE", AuditKeys.keyRevoked(dev.orgkit.UserId.of("u00"), keyId));
            w0.write("A", "0.1", at, keyId);
            w0.write("END", at + 10_000);
        }
        event("API_KEY_REVOKED", "u00", keyId, Map.of("name", "rel", "hint", "ok_live_..."));
    }

    private void verified(String incarnation, String keyId, long lastValidStart, boolean ended) {
        try (Journal journal = journal(incarnation)) {
            journal.write("U", lastValidStart + 1, keyId, 5, lastValidStart);
            journal.write("F", lastValidStart + 2, lastValidStart + 3, "ok", 5);
            if (ended) {
                journal.write("END", lastValidStart + 4);
            }
        }
        db.usage.put(keyId, 5L);
    }

    private void event(String action, String actor, String target, Map<String, String> details) {
        db.events.add(new Snapshot.Event(ORG, "evt_" + db.events.size(), "USER", actor, action, target, details,
                db.events.size()));
    }

    private Journal journal(String incarnation) {
        return Journal.open(dir.resolve(incarnation + ".journal"));
    }

    private Report check() {
        Journals journals = Journals.read(dir);
        Report report = new Report("test");
        StateChecks.run(db, journals, report);
        DeliveryChecks.run(db, journals, mails, kills, SETTINGS, report);
        return report;
    }

    private static List<String> violations(Report report, String checkPrefix) {
        return report.checks.stream().filter(c -> c.name.startsWith(checkPrefix))
                .flatMap(c -> c.violations.stream()).toList();
    }
}
