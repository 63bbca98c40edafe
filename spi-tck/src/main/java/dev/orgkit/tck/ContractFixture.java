package dev.orgkit.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.orgkit.AccessDeniedException;
import dev.orgkit.ConflictException;
import dev.orgkit.InvalidInputException;
import dev.orgkit.NotFoundException;
import dev.orgkit.OrgKit;
import dev.orgkit.Page;
import dev.orgkit.PageRequest;
import dev.orgkit.Principal;
import dev.orgkit.SupportPrincipal;
import dev.orgkit.UserPrincipal;
import dev.orgkit.account.AccountId;
import dev.orgkit.account.NewOrganization;
import dev.orgkit.account.Organization;
import dev.orgkit.audit.AuditEvent;
import dev.orgkit.invitation.Invitation;
import dev.orgkit.member.Membership;
import dev.orgkit.member.Role;
import dev.orgkit.policy.DenialCode;
import dev.orgkit.spi.Storage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
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
    /** A support agent that observes state in tests (support may view accounts, members and audit trails). */
    protected static final SupportPrincipal OBSERVER = Principal.support("agent-tck");

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

    /** Invites {@code user} (by its verified email) with {@code role}, and accepts the mailed link as {@code user}. */
    protected Membership join(UserPrincipal admin, AccountId organizationId, UserPrincipal user, Role role) {
        kit.members().invite(admin, organizationId, user.verifiedEmail().value(), role);
        return kit.invitations().accept(user, mailer.lastTokenFor(user.verifiedEmail().value()));
    }

    /** Every member of the organization, read page by page as support sees them. */
    protected List<Membership> members(AccountId organizationId) {
        return all(page -> kit.members().list(OBSERVER, organizationId, page));
    }

    /** The whole audit trail of the account, newest first, as support sees it. */
    protected List<AuditEvent> trail(AccountId accountId) {
        return all(page -> kit.audit().list(OBSERVER, accountId, page));
    }

    /** Every pending invitation of the organization, as {@code admin} sees them. */
    protected List<Invitation> pending(UserPrincipal admin, AccountId organizationId) {
        return all(page -> kit.invitations().pending(admin, organizationId, page));
    }

    /** Every item of a keyset-paginated list, following the cursors from the first page. */
    protected static <T> List<T> all(Function<PageRequest, Page<T>> list) {
        List<T> items = new ArrayList<>();
        Page<T> page = list.apply(PageRequest.first(PageRequest.MAX_SIZE));
        items.addAll(page.items());
        while (page.nextCursor().isPresent()) {
            page = list.apply(PageRequest.after(page.nextCursor().get(), PageRequest.MAX_SIZE));
            items.addAll(page.items());
        }
        return items;
    }

    /**
     * Runs a command that must be refused by a rule, and returns the rule's code. Fails if the
     * command succeeds or throws anything but an exception that carries a {@link DenialCode}.
     */
    protected static DenialCode refusal(ThrowingCallable command) {
        Throwable thrown = catchThrowable(command);
        Optional<DenialCode> code = codeOf(thrown);
        assertThat(code).as("the code of %s", thrown).isPresent();
        return code.get();
    }

    /** Runs a command that must be refused as invalid input, and returns the exception. */
    protected static InvalidInputException invalid(ThrowingCallable command) {
        Throwable thrown = catchThrowable(command);
        assertThat(thrown).isInstanceOf(InvalidInputException.class);
        return (InvalidInputException) thrown;
    }

    /** The denial code an orgkit exception carries, if any. */
    protected static Optional<DenialCode> codeOf(Throwable thrown) {
        if (thrown instanceof AccessDeniedException denied) {
            return Optional.of(denied.code());
        }
        if (thrown instanceof ConflictException conflict) {
            return Optional.of(conflict.code());
        }
        if (thrown instanceof NotFoundException notFound) {
            return Optional.of(notFound.code());
        }
        return Optional.empty();
    }
}
