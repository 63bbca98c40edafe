package dev.orgkit.tck;

import dev.orgkit.OrgKit;
import dev.orgkit.Principal;
import dev.orgkit.UserPrincipal;
import dev.orgkit.account.NewOrganization;
import dev.orgkit.account.Organization;
import dev.orgkit.spi.Storage;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;

/**
 * What every contract test starts from: a kit on a fresh storage, with a clock tests move and a
 * mailer that records. Subclasses are the contract's parts; {@link StorageContract} gathers them.
 *
 * @since 0.1.0
 */
public abstract class ContractFixture {
    /** The time the kit's clock starts at. */
    protected static final Instant START = Instant.parse("2026-01-05T09:00:00Z");

    /** The clock of {@link #kit}; tests move it. */
    protected MutableClock clock;
    /** The mailer of {@link #kit}. */
    protected RecordingMailer mailer;
    /** Hears every event {@link #kit} publishes after commit. */
    protected RecordingListener events;
    /** The storage under test, new for each test. */
    protected Storage storage;
    /** A kit on {@link #storage}, built before each test. */
    protected OrgKit kit;

    /** A new, empty storage for one test. */
    protected abstract Storage newStorage();

    /** Builds {@link #kit} on a fresh storage. */
    @BeforeEach
    void buildKit() {
        clock = new MutableClock(START);
        mailer = new RecordingMailer();
        events = new RecordingListener();
        storage = newStorage();
        kit = OrgKit.builder().storage(storage).mailer(mailer).clock(clock).eventListener(events).build();
    }

    /** A user principal named {@code u-<name>} with the verified email {@code <name>@example.com}. */
    protected static UserPrincipal user(String name) {
        return Principal.user("u-" + name, name + "@example.com");
    }

    /** Creates "Acme", administered by {@code admin}. */
    protected Organization acme(UserPrincipal admin) {
        return kit.organizations().create(admin,
                new NewOrganization("Acme", "Acme SAS", "alerts@acme.example", "billing@acme.example"));
    }
}
