package dev.orgkit.spring.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;

/** One-line set-ups over HTTP: unique users, an organization, a member who joined by invitation. */
final class Fixtures {
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private final RunningApp app;

    Fixtures(RunningApp app) {
        this.app = app;
    }

    /** A user id no other test uses. */
    static String newUserId(String name) {
        return name + "-" + System.nanoTime() % 1_000_000 + "-" + SEQUENCE.incrementAndGet();
    }

    /** Creates an organization whose account name is {@code name}, with {@code admin} as its admin; its id. */
    String organization(String admin, String name) {
        RunningApp.Response created = app.post(RunningApp.user(admin), "/organizations", """
                {"accountName": "%s", "legalName": "%s SAS", "alertingEmail": "alerts@acme.example",
                 "invoicingEmail": "billing@acme.example"}""".formatted(name, name));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.text("id");
    }

    /** Invites {@code user} into the organization with {@code role}; the invitation's id. */
    String invite(String admin, String organizationId, String user, String role) {
        RunningApp.Response invited = app.post(RunningApp.user(admin), "/organizations/" + organizationId + "/invitations",
                "{\"email\": \"%s@example.com\", \"role\": \"%s\"}".formatted(user, role));
        assertThat(invited.status()).as(invited.toString()).isEqualTo(201);
        return invited.text("id");
    }

    /** Invites {@code user}, who accepts. */
    void join(String admin, String organizationId, String user, String role) {
        invite(admin, organizationId, user, role);
        RunningApp.Response accepted = app.post(RunningApp.user(user), "/invitations/accept",
                "{\"token\": \"%s\"}".formatted(token(user)));
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);
    }

    /** The token of the newest invitation mail to {@code user}. */
    String token(String user) {
        return app.bean(TestHost.Mails.class).lastTokenFor(user + "@example.com");
    }

    /** Creates an API key of the account; the whole 201 response. */
    RunningApp.Response apiKey(String user, String accountId) {
        RunningApp.Response created = app.post(RunningApp.user(user), "/accounts/" + accountId + "/api-keys",
                "{\"name\": \"ci\", \"environment\": \"TEST\"}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created;
    }
}
