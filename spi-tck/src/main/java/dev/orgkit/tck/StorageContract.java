package dev.orgkit.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orgkit.OrgKit;
import dev.orgkit.Principal;
import dev.orgkit.UserPrincipal;
import dev.orgkit.account.NewOrganization;
import dev.orgkit.account.Organization;
import dev.orgkit.member.Role;
import dev.orgkit.spi.Storage;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The storage contract, through orgkit's public API. A storage implementation extends this class,
 * implements {@link #newStorage()}, and passes every test.
 *
 * @since 0.1.0
 */
public abstract class StorageContract {
    /** The time the kit's clock starts at. */
    protected static final Instant START = Instant.parse("2026-01-05T09:00:00Z");

    /** The clock of {@link #kit}; tests move it. */
    protected MutableClock clock;
    /** The mailer of {@link #kit}. */
    protected RecordingMailer mailer;
    /** A kit on a fresh storage, built before each test. */
    protected OrgKit kit;

    /** A new, empty storage for one test. */
    protected abstract Storage newStorage();

    /** Builds {@link #kit} on a fresh storage. */
    @BeforeEach
    void buildKit() {
        clock = new MutableClock(START);
        mailer = new RecordingMailer();
        kit = OrgKit.builder().storage(newStorage()).mailer(mailer).clock(clock).build();
    }

    /** A user principal with an email derived from the name. */
    protected static UserPrincipal user(String name) {
        return Principal.user("u-" + name, name + "@example.com");
    }

    /** Creates "Acme", administered by {@code admin}. */
    protected Organization acme(UserPrincipal admin) {
        return kit.organizations().create(admin,
                new NewOrganization("Acme", "Acme SAS", "alerts@acme.example", "billing@acme.example"));
    }

    @Test
    void an_invited_user_joins_with_the_invited_role() {
        UserPrincipal ana = user("ana");
        UserPrincipal bob = user("bob");
        Organization org = acme(ana);
        kit.members().invite(ana, org.id(), "bob@example.com", Role.MEMBER);
        kit.invitations().accept(bob, mailer.lastTokenFor("bob@example.com"));
        assertThat(kit.members().list(ana, org.id(), dev.orgkit.PageRequest.first(10)).items())
                .extracting(m -> m.userId().value() + ":" + m.role())
                .containsExactly("u-ana:ADMIN", "u-bob:MEMBER");
    }
}
