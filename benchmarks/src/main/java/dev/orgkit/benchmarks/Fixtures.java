package dev.orgkit.benchmarks;

import dev.orgkit.OrgKit;
import dev.orgkit.Principal;
import dev.orgkit.UserPrincipal;
import dev.orgkit.account.NewOrganization;
import dev.orgkit.account.Organization;
import dev.orgkit.apikey.NewApiKey;
import dev.orgkit.apikey.VerifyContext;
import dev.orgkit.spi.Storage;

/**
 * What every benchmark starts from: a kit on a storage, an organization, and a key of it. A
 * storage variant (H2, PostgreSQL, with or without a cache) is one more call of {@link #keyed}.
 */
final class Fixtures {
    /** The admin of the benchmark organization. */
    static final UserPrincipal ANA = Principal.user("u-ana", "ana@example.com");

    private Fixtures() {}

    /** A kit on {@code storage}, its organization, and the secret of one live key. */
    static Keyed keyed(Storage storage) {
        return keyed(storage, new NewApiKey("bench"), VerifyContext.none());
    }

    /** A kit with one key created from {@code form}, which verifies for {@code context}. */
    static Keyed keyed(Storage storage, NewApiKey form, VerifyContext context) {
        OrgKit kit = OrgKit.builder().storage(storage).mailer(mail -> { }).build();
        Organization org = kit.organizations().create(ANA,
                new NewOrganization("Acme", "Acme SAS", "alerts@acme.example", "billing@acme.example"));
        String secret = kit.apiKeys().create(ANA, org.id(), form).secret();
        if (!kit.apiKeys().verify(secret, context).isValid()) {
            throw new IllegalStateException("the benchmark key does not verify");
        }
        return new Keyed(kit, org, secret);
    }

    /** A kit with one organization and the secret of one of its keys. */
    record Keyed(OrgKit kit, Organization organization, String secret) {}
}
