package dev.orgkit.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orgkit.AccessDeniedException;
import dev.orgkit.InvalidInputException;
import dev.orgkit.NotFoundException;
import dev.orgkit.OrgKit;
import dev.orgkit.OrgKitException;
import dev.orgkit.Page;
import dev.orgkit.PageRequest;
import dev.orgkit.Principal;
import dev.orgkit.SupportPrincipal;
import dev.orgkit.UserPrincipal;
import dev.orgkit.account.AccountId;
import dev.orgkit.account.NewOrganization;
import dev.orgkit.account.Organization;
import dev.orgkit.account.ProfileUpdate;
import dev.orgkit.apikey.ApiKeyId;
import dev.orgkit.apikey.CreatedApiKey;
import dev.orgkit.apikey.NewApiKey;
import dev.orgkit.apikey.VerifyContext;
import dev.orgkit.audit.Actor;
import dev.orgkit.audit.AuditAction;
import dev.orgkit.audit.AuditEvent;
import dev.orgkit.audit.AuditQuery;
import dev.orgkit.invitation.InvitationId;
import dev.orgkit.invitation.InviteRequest;
import dev.orgkit.member.Role;
import dev.orgkit.plan.Plan;
import dev.orgkit.policy.DenialCode;
import dev.orgkit.policy.Permission;
import dev.orgkit.spi.EventListener;
import dev.orgkit.spi.Storage;
import dev.orgkit.support.SupportAction;
import dev.orgkit.support.SupportRequest;
import dev.orgkit.support.SupportRequestStatus;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The audit trail and change events: every command of the public API writes exactly one audit event
 * when it succeeds and none when it is refused; listeners hear exactly the committed events; the
 * trail is filtered by action, actor and time; no secret ever appears in an event.
 *
 * <p>{@link #API} classifies every public method of every service {@link OrgKit} hands out. A method
 * added to the API without an entry there fails {@link #every_method_of_every_service_is_in_the_table}:
 * whoever adds a command also says what it audits and shows it.
 *
 * @since 0.1.0
 */
public abstract class AuditContract extends ContractFixture {

    /**
     * The state every scenario starts from, on a fresh storage with a listener registered from the
     * first command on: Acme, where ana and carol are admins and bob a member; a pending invitation of
     * dave; a pending request of ana that support demote carol.
     */
    protected final class World {
        final MutableClock clock = new MutableClock(START);
        final RecordingMailer mailer = new RecordingMailer();
        final RecordingListener heard = new RecordingListener();
        final OrgKit kit;
        final SupportPrincipal agent = Principal.support("agent-7");
        final UserPrincipal ana = user("ana");
        final UserPrincipal bob = user("bob");
        final UserPrincipal carol = user("carol");
        final UserPrincipal dave = user("dave");
        final Organization acme;
        final String daveToken;
        final InvitationId daveInvitation;
        final SupportRequest demoteCarol;

        World(Storage storage) {
            kit = OrgKit.builder().storage(storage).mailer(mailer).clock(clock).eventListener(heard).build();
            acme = kit.organizations().create(ana,
                    new NewOrganization("Acme", "Acme SAS", "alerts@acme.example", "billing@acme.example"));
            kit.members().invite(ana, acme.id(), "bob@example.com", Role.MEMBER);
            kit.invitations().accept(bob, mailer.lastTokenFor("bob@example.com"));
            kit.members().invite(ana, acme.id(), "carol@example.com", Role.ADMIN);
            kit.invitations().accept(carol, mailer.lastTokenFor("carol@example.com"));
            kit.members().invite(ana, acme.id(), "dave@example.com", Role.MEMBER);
            daveToken = mailer.lastTokenFor("dave@example.com");
            daveInvitation = mailer.sent().get(mailer.sent().size() - 1).invitationId();
            demoteCarol = kit.support().request(ana, acme.id(), SupportAction.DEMOTE_ADMIN, carol.userId(), "moved on");
        }

        /** The ids in the account's stored trail, which must be the ids the listener heard for it. */
        List<String> trailIds(AccountId accountId) {
            List<String> ids = new ArrayList<>();
            Page<AuditEvent> page = kit.audit().list(agent, accountId, PageRequest.first(PageRequest.MAX_SIZE));
            page.items().forEach(e -> ids.add(e.id()));
            while (page.nextCursor().isPresent()) {
                page = kit.audit().list(agent, accountId, PageRequest.after(page.nextCursor().get(), PageRequest.MAX_SIZE));
                page.items().forEach(e -> ids.add(e.id()));
            }
            return ids;
        }

        /** Every account the listener heard of, plus Acme, with its stored trail equal to what was heard. */
        void assertTrailsMatchWhatWasHeard() {
            Map<AccountId, List<String>> heardIds = new LinkedHashMap<>();
            heardIds.put(acme.id(), new ArrayList<>());
            for (AuditEvent event : heard.events()) {
                heardIds.computeIfAbsent(event.accountId(), id -> new ArrayList<>()).add(0, event.id());
            }
            heardIds.forEach((account, ids) -> assertThat(trailIds(account)).as("trail of %s", account)
                    .containsExactlyElementsOf(ids));
        }
    }

    /**
     * One public method and what it does to the trail: a command audits one event of its action when
     * it succeeds and none when refused; a query (or a preference such as the active account) audits none.
     *
     * @param signature {@code Service.method(ParameterTypes)}
     * @param audits the action a successful call writes, or empty for a query
     * @param succeed prepares the world and returns a call that succeeds
     * @param refuse prepares the world and returns a call that is refused (commands only)
     * @param note why a method that changes something writes no event, if so
     * @param then the events of the commands a successful call sets off after its own commit, such as
     *     the dispatch of the invitation mail that {@code invite} sends at once
     */
    protected record Entry(String signature, Optional<AuditAction> audits, Function<World, Runnable> succeed,
            Optional<Function<World, Runnable>> refuse, String note, List<AuditAction> then) {
        @Override
        public String toString() {
            return signature;
        }
    }

    private static Entry command(String signature, AuditAction action, Function<World, Runnable> succeed,
            Function<World, Runnable> refuse) {
        return new Entry(signature, Optional.of(action), succeed, Optional.of(refuse), "", List.of());
    }

    /** A command that also dispatches an invitation mail after its commit: its event, then the mail's. */
    private static Entry mailing(String signature, AuditAction action, Function<World, Runnable> succeed,
            Function<World, Runnable> refuse) {
        return new Entry(signature, Optional.of(action), succeed, Optional.of(refuse), "",
                List.of(AuditAction.INVITATION_MAIL_SENT));
    }

    /** A command no principal asks for (the outbox's dispatch): it cannot be refused. */
    private static Entry system(String signature, AuditAction action, Function<World, Runnable> succeed) {
        return new Entry(signature, Optional.of(action), succeed, Optional.empty(), "", List.of());
    }

    private static Entry query(String signature, Function<World, Runnable> call) {
        return new Entry(signature, Optional.empty(), call, Optional.empty(), "reads only", List.of());
    }

    private static Entry unaudited(String signature, String why, Function<World, Runnable> call) {
        return new Entry(signature, Optional.empty(), call, Optional.empty(), why, List.of());
    }

    private static final PageRequest TEN = PageRequest.first(10);

    /** Every public method of every service, and what it audits. */
    protected static final List<Entry> API = List.of(
            // accounts
            command("Accounts.personal(UserPrincipal)", AuditAction.PERSONAL_ACCOUNT_CREATED,
                    w -> () -> w.kit.accounts().personal(user("erin")),
                    w -> () -> w.kit.accounts().personal(null)),
            command("Accounts.overview(UserPrincipal)", AuditAction.PERSONAL_ACCOUNT_CREATED,
                    w -> () -> w.kit.accounts().overview(user("erin")),
                    w -> () -> w.kit.accounts().overview(null)),
            unaudited("Accounts.switchTo(UserPrincipal,AccountId)",
                    "remembers the user's active account, a preference of the user's session, not a change to an account",
                    w -> () -> w.kit.accounts().switchTo(w.bob, w.acme.id())),
            query("Accounts.active(UserPrincipal)", w -> () -> w.kit.accounts().active(w.ana)),
            // organizations
            command("Organizations.create(UserPrincipal,NewOrganization)", AuditAction.ORGANIZATION_CREATED,
                    w -> () -> w.kit.organizations().create(w.bob, new NewOrganization("Globex", "Globex SAS",
                            "alerts@globex.example", "billing@globex.example")),
                    w -> () -> w.kit.organizations().create(w.bob, new NewOrganization("", "Globex SAS",
                            "not an email", "billing@globex.example"))),
            query("Organizations.get(Principal,AccountId)", w -> () -> w.kit.organizations().get(w.bob, w.acme.id())),
            command("Organizations.updateProfile(UserPrincipal,AccountId,ProfileUpdate)", AuditAction.PROFILE_UPDATED,
                    w -> () -> w.kit.organizations().updateProfile(w.ana, w.acme.id(),
                            new ProfileUpdate("Acme Holding SAS", "alerts@acme.example", "billing@acme.example")),
                    w -> () -> w.kit.organizations().updateProfile(w.bob, w.acme.id(),
                            new ProfileUpdate("Bob's SAS", "alerts@acme.example", "billing@acme.example"))),
            command("Organizations.delete(UserPrincipal,AccountId,String)", AuditAction.ORGANIZATION_DELETED,
                    w -> {
                        Organization globex = globex(w);
                        return () -> w.kit.organizations().delete(w.bob, globex.id(), "Globex");
                    },
                    w -> () -> w.kit.organizations().delete(w.ana, w.acme.id(), "Acme")),
            command("Organizations.leave(UserPrincipal,AccountId,String)", AuditAction.MEMBER_LEFT,
                    w -> () -> w.kit.organizations().leave(w.bob, w.acme.id(), "Acme"),
                    w -> () -> w.kit.organizations().leave(w.bob, w.acme.id(), "Acme Inc")),
            // members
            mailing("Members.invite(UserPrincipal,AccountId,String,Role)", AuditAction.MEMBER_INVITED,
                    w -> () -> w.kit.members().invite(w.ana, w.acme.id(), "erin@example.com", Role.MEMBER),
                    w -> () -> w.kit.members().invite(w.bob, w.acme.id(), "erin@example.com", Role.MEMBER)),
            command("Members.inviteWithLink(UserPrincipal,AccountId,String,Role)", AuditAction.MEMBER_INVITED,
                    w -> () -> w.kit.members().inviteWithLink(w.ana, w.acme.id(), "erin@example.com", Role.MEMBER),
                    w -> () -> w.kit.members().inviteWithLink(w.bob, w.acme.id(), "erin@example.com", Role.MEMBER)),
            // A batch audits one event per invited row: here, one row.
            mailing("Members.inviteAll(UserPrincipal,AccountId,List)", AuditAction.MEMBER_INVITED,
                    w -> () -> w.kit.members().inviteAll(w.ana, w.acme.id(),
                            List.of(new InviteRequest("erin@example.com", Role.MEMBER))),
                    w -> () -> w.kit.members().inviteAll(w.bob, w.acme.id(),
                            List.of(new InviteRequest("erin@example.com", Role.MEMBER)))),
            query("Members.list(Principal,AccountId,PageRequest)", w -> () -> w.kit.members().list(w.bob, w.acme.id(), TEN)),
            command("Members.changeRole(UserPrincipal,AccountId,UserId,Role)", AuditAction.MEMBER_ROLE_CHANGED,
                    w -> () -> w.kit.members().changeRole(w.ana, w.acme.id(), w.bob.userId(), Role.ADMIN),
                    w -> () -> w.kit.members().changeRole(w.ana, w.acme.id(), w.carol.userId(), Role.MEMBER)),
            command("Members.remove(UserPrincipal,AccountId,UserId,String)", AuditAction.MEMBER_REMOVED,
                    w -> () -> w.kit.members().remove(w.ana, w.acme.id(), w.bob.userId(), "bob@example.com"),
                    w -> () -> w.kit.members().remove(w.ana, w.acme.id(), w.bob.userId(), "rob@example.com")),
            // invitations
            query("Invitations.preview(String)", w -> () -> w.kit.invitations().preview(w.daveToken)),
            command("Invitations.accept(UserPrincipal,String)", AuditAction.INVITATION_ACCEPTED,
                    w -> () -> w.kit.invitations().accept(w.dave, w.daveToken),
                    w -> () -> w.kit.invitations().accept(user("erin"), w.daveToken)),
            query("Invitations.pending(Principal,AccountId,PageRequest)",
                    w -> () -> w.kit.invitations().pending(w.ana, w.acme.id(), TEN)),
            command("Invitations.decline(UserPrincipal,String)", AuditAction.INVITATION_DECLINED,
                    w -> () -> w.kit.invitations().decline(w.dave, w.daveToken),
                    w -> () -> w.kit.invitations().decline(user("erin"), w.daveToken)),
            mailing("Invitations.resend(UserPrincipal,InvitationId)", AuditAction.INVITATION_RESENT,
                    w -> () -> w.kit.invitations().resend(w.ana, w.daveInvitation),
                    w -> () -> w.kit.invitations().resend(w.bob, w.daveInvitation)),
            command("Invitations.revoke(UserPrincipal,InvitationId)", AuditAction.INVITATION_REVOKED,
                    w -> () -> w.kit.invitations().revoke(w.ana, w.daveInvitation),
                    w -> () -> w.kit.invitations().revoke(w.bob, w.daveInvitation)),
            query("Invitations.delivery(Principal,InvitationId)",
                    w -> () -> w.kit.invitations().delivery(w.ana, w.daveInvitation)),
            // the outbox
            system("Deliveries.dispatchPending()", AuditAction.INVITATION_MAIL_SENT, w -> {
                w.mailer.failing(true);
                w.kit.invitations().resend(w.ana, w.daveInvitation);
                w.mailer.failing(false);
                w.clock.advance(Duration.ofHours(1));
                return () -> w.kit.deliveries().dispatchPending();
            }),
            query("Deliveries.backlog()", w -> () -> w.kit.deliveries().backlog()),
            unaudited("Deliveries.startDispatcher(Duration)",
                    "starts a thread; what its rounds send is audited as dispatchPending's is",
                    w -> () -> w.kit.deliveries().startDispatcher(Duration.ofHours(1)).close()),
            // audit and policy
            query("AuditTrail.list(Principal,AccountId,PageRequest)", w -> () -> w.kit.audit().list(w.ana, w.acme.id(), TEN)),
            query("AuditTrail.list(Principal,AccountId,AuditQuery,PageRequest)",
                    w -> () -> w.kit.audit().list(w.ana, w.acme.id(), AuditQuery.all().withActorKind(Actor.Kind.USER), TEN)),
            query("PolicyEngine.decide(Principal,AccountId,Permission)",
                    w -> () -> w.kit.policy().decide(w.bob, w.acme.id(), Permission.INVITE_MEMBERS)),
            query("PolicyEngine.rules()", w -> () -> w.kit.policy().rules()),
            // support
            command("Support.request(UserPrincipal,AccountId,SupportAction,UserId,String)", AuditAction.SUPPORT_REQUESTED,
                    w -> () -> w.kit.support().request(w.ana, w.acme.id(), SupportAction.REMOVE_ADMIN, w.carol.userId(), "r"),
                    w -> () -> w.kit.support().request(w.ana, w.acme.id(), SupportAction.DEMOTE_ADMIN, w.carol.userId(), "r")),
            query("Support.queue(Principal,SupportRequestStatus,PageRequest)",
                    w -> () -> w.kit.support().queue(w.agent, SupportRequestStatus.PENDING, TEN)),
            query("Support.get(Principal,SupportRequestId)", w -> () -> w.kit.support().get(w.ana, w.demoteCarol.id())),
            command("Support.approve(Principal,SupportRequestId,String)", AuditAction.SUPPORT_REQUEST_APPROVED,
                    w -> () -> w.kit.support().approve(w.agent, w.demoteCarol.id(), "TICKET-1"),
                    w -> () -> w.kit.support().approve(w.ana, w.demoteCarol.id(), "TICKET-1")),
            command("Support.reject(Principal,SupportRequestId,String,String)", AuditAction.SUPPORT_REQUEST_REJECTED,
                    w -> () -> w.kit.support().reject(w.agent, w.demoteCarol.id(), "TICKET-1", "no"),
                    w -> {
                        w.kit.support().approve(w.agent, w.demoteCarol.id(), "TICKET-1");
                        return () -> w.kit.support().reject(w.agent, w.demoteCarol.id(), "TICKET-2", "too late");
                    }),
            command("Support.demoteAdmin(Principal,AccountId,UserId,String)", AuditAction.MEMBER_ROLE_CHANGED,
                    w -> () -> w.kit.support().demoteAdmin(w.agent, w.acme.id(), w.carol.userId(), "TICKET-1"),
                    w -> {
                        w.kit.support().demoteAdmin(w.agent, w.acme.id(), w.carol.userId(), "TICKET-1");
                        return () -> w.kit.support().demoteAdmin(w.agent, w.acme.id(), w.ana.userId(), "TICKET-2");
                    }),
            command("Support.removeAdmin(Principal,AccountId,UserId,String)", AuditAction.MEMBER_REMOVED,
                    w -> () -> w.kit.support().removeAdmin(w.agent, w.acme.id(), w.carol.userId(), "TICKET-1"),
                    w -> () -> w.kit.support().removeAdmin(w.agent, w.acme.id(), w.bob.userId(), "TICKET-1")),
            command("Support.removeMember(Principal,AccountId,UserId,String)", AuditAction.MEMBER_REMOVED,
                    w -> () -> w.kit.support().removeMember(w.agent, w.acme.id(), w.bob.userId(), "TICKET-1"),
                    w -> () -> w.kit.support().removeMember(w.ana, w.acme.id(), w.bob.userId(), "TICKET-1")),
            command("Support.promoteMember(Principal,AccountId,UserId,String)", AuditAction.MEMBER_ROLE_CHANGED,
                    w -> () -> w.kit.support().promoteMember(w.agent, w.acme.id(), w.bob.userId(), "TICKET-1"),
                    w -> () -> w.kit.support().promoteMember(w.agent, w.acme.id(), w.bob.userId(), "TICKET\n1")),
            command("Support.restoreOrganization(Principal,AccountId,String)", AuditAction.ORGANIZATION_RESTORED,
                    w -> {
                        Organization globex = deletedGlobex(w);
                        return () -> w.kit.support().restoreOrganization(w.agent, globex.id(), "TICKET-1");
                    },
                    w -> {
                        Organization globex = deletedGlobex(w);
                        return () -> w.kit.support().restoreOrganization(w.ana, globex.id(), "TICKET-1");
                    }),
            // the end of users and accounts
            command("Users.erase(UserId)", AuditAction.USER_ERASED,
                    w -> () -> w.kit.users().erase(w.bob.userId()),
                    w -> {
                        w.kit.support().demoteAdmin(w.agent, w.acme.id(), w.carol.userId(), "TICKET-1");
                        return () -> w.kit.users().erase(w.ana.userId());
                    }),
            system("Maintenance.purge()", AuditAction.ORGANIZATION_PURGED, w -> {
                deletedGlobex(w);
                w.clock.advance(Duration.ofDays(30));
                return () -> w.kit.maintenance().purge();
            }),
            // API keys and usage
            command("ApiKeys.create(UserPrincipal,AccountId,NewApiKey)", AuditAction.API_KEY_CREATED,
                    w -> () -> w.kit.apiKeys().create(w.ana, w.acme.id(), new NewApiKey("ci")),
                    w -> () -> w.kit.apiKeys().create(w.bob, w.acme.id(), new NewApiKey("ci"))),
            query("ApiKeys.list(Principal,AccountId,PageRequest)", w -> () -> w.kit.apiKeys().list(w.bob, w.acme.id(), TEN)),
            query("ApiKeys.get(Principal,ApiKeyId)", w -> {
                ApiKeyId id = apiKey(w).apiKey().id();
                return () -> w.kit.apiKeys().get(w.bob, id);
            }),
            command("ApiKeys.revoke(UserPrincipal,ApiKeyId)", AuditAction.API_KEY_REVOKED,
                    w -> {
                        ApiKeyId id = apiKey(w).apiKey().id();
                        return () -> w.kit.apiKeys().revoke(w.ana, id);
                    },
                    w -> {
                        ApiKeyId id = apiKey(w).apiKey().id();
                        return () -> w.kit.apiKeys().revoke(w.bob, id);
                    }),
            command("ApiKeys.roll(UserPrincipal,ApiKeyId,Duration)", AuditAction.API_KEY_ROLLED,
                    w -> {
                        ApiKeyId id = apiKey(w).apiKey().id();
                        return () -> w.kit.apiKeys().roll(w.ana, id, Duration.ofHours(1));
                    },
                    w -> {
                        ApiKeyId id = apiKey(w).apiKey().id();
                        return () -> w.kit.apiKeys().roll(w.ana, id, Duration.ofDays(8));
                    }),
            query("ApiKeys.verify(String)", w -> {
                String secret = apiKey(w).secret();
                return () -> w.kit.apiKeys().verify(secret);
            }),
            query("ApiKeys.verify(String,VerifyContext)", w -> {
                String secret = apiKey(w).secret();
                return () -> w.kit.apiKeys().verify(secret, VerifyContext.scope("documents:read"));
            }),
            unaudited("ApiKeys.flushUsage()",
                    "writes usage counts and last-used times: measurements of API calls, not changes a principal made",
                    w -> {
                        w.kit.apiKeys().verify(apiKey(w).secret());
                        return () -> w.kit.apiKeys().flushUsage();
                    }),
            unaudited("ApiKeys.startUsageFlusher(Duration)", "starts a thread whose flushes are not audited, as flushUsage's are not",
                    w -> () -> w.kit.apiKeys().startUsageFlusher(Duration.ofHours(1)).close()),
            query("Usage.daily(Principal,AccountId,LocalDate,LocalDate)",
                    w -> () -> w.kit.usage().daily(w.ana, w.acme.id(), LocalDate.of(2026, 1, 1), LocalDate.of(2026, 1, 31))),
            query("Usage.currentPeriod(Principal,AccountId)", w -> () -> w.kit.usage().currentPeriod(w.ana, w.acme.id())),
            query("Usage.statement(Principal,AccountId,YearMonth)",
                    w -> () -> w.kit.usage().statement(w.ana, w.acme.id(), YearMonth.of(2026, 1))),
            // Plans and usage alerts
            command("Plans.assign(AccountId,Plan)", AuditAction.PLAN_ASSIGNED,
                    w -> () -> w.kit.plans().assign(w.acme.id(), Plan.monthly(1_000)),
                    w -> () -> w.kit.plans().assign(AccountId.of("org_nobody"), Plan.monthly(1_000))),
            query("Plans.get(Principal,AccountId)", w -> () -> w.kit.plans().get(w.ana, w.acme.id())),
            command("UsageAlerts.set(UserPrincipal,AccountId,Set)", AuditAction.USAGE_ALERTS_SET,
                    w -> () -> w.kit.usageAlerts().set(w.ana, w.acme.id(), Set.of(50, 100)),
                    w -> () -> w.kit.usageAlerts().set(w.bob, w.acme.id(), Set.of(50, 100))),
            query("UsageAlerts.get(Principal,AccountId)", w -> () -> w.kit.usageAlerts().get(w.ana, w.acme.id())));

    /** Globex, whose only member and admin is bob. */
    private static Organization globex(World world) {
        return world.kit.organizations().create(world.bob, new NewOrganization("Globex", "Globex SAS",
                "alerts@globex.example", "billing@globex.example"));
    }

    /** Globex, deleted by bob. */
    private static Organization deletedGlobex(World world) {
        Organization globex = globex(world);
        world.kit.organizations().delete(world.bob, globex.id(), "Globex");
        return globex;
    }

    /** A new API key of Acme, created by ana. */
    private static CreatedApiKey apiKey(World world) {
        return world.kit.apiKeys().create(world.ana, world.acme.id(), new NewApiKey("ci"));
    }

    /** {@code Service.method(ParameterTypes)} for every public method of every service of {@link OrgKit}. */
    static Set<String> publicApi() {
        Set<String> signatures = new TreeSet<>();
        for (Method accessor : OrgKit.class.getMethods()) {
            Class<?> service = accessor.getReturnType();
            if (Modifier.isStatic(accessor.getModifiers()) || accessor.getParameterCount() != 0
                    || !service.isInterface() || !service.getPackageName().startsWith("dev.orgkit")) {
                continue;
            }
            for (Method method : service.getMethods()) {
                if (!Modifier.isStatic(method.getModifiers())) {
                    signatures.add(service.getSimpleName() + "." + method.getName() + Arrays.stream(method.getParameterTypes())
                            .map(Class::getSimpleName).collect(Collectors.joining(",", "(", ")")));
                }
            }
        }
        return signatures;
    }

    @Test
    void every_method_of_every_service_is_in_the_table() {
        Set<String> api = publicApi();
        Set<String> table = API.stream().map(Entry::signature).collect(Collectors.toCollection(TreeSet::new));
        assertThat(api).as("the services of OrgKit").contains("Members.invite(UserPrincipal,AccountId,String,Role)");

        assertThat(api).as("public methods without an entry in AuditContract.API: add a scenario")
                .isSubsetOf(table);
        assertThat(table).as("entries of AuditContract.API that are no longer public methods").isSubsetOf(api);
    }

    @TestFactory
    Stream<DynamicTest> each_command_audits_exactly_once_when_it_succeeds() {
        return API.stream().filter(entry -> entry.audits().isPresent()).map(entry -> DynamicTest.dynamicTest(
                entry.signature(), () -> {
                    World world = new World(newStorage());
                    Runnable call = entry.succeed().apply(world);
                    int before = world.heard.count();

                    call.run();

                    List<AuditEvent> written = world.heard.since(before);
                    List<AuditAction> expected = new ArrayList<>(List.of(entry.audits().get()));
                    expected.addAll(entry.then());
                    assertThat(written).as(entry.signature()).extracting(AuditEvent::action)
                            .containsExactlyElementsOf(expected);
                    AuditEvent newest = written.get(written.size() - 1);
                    assertThat(world.kit.audit().list(world.agent, newest.accountId(), PageRequest.first(1))
                            .items()).containsExactly(newest);
                    world.assertTrailsMatchWhatWasHeard();
                }));
    }

    @TestFactory
    Stream<DynamicTest> each_command_audits_nothing_when_it_is_refused() {
        return API.stream().filter(entry -> entry.refuse().isPresent()).map(entry -> DynamicTest.dynamicTest(
                entry.signature(), () -> {
                    World world = new World(newStorage());
                    Runnable call = entry.refuse().get().apply(world);
                    int before = world.heard.count();

                    assertThatThrownBy(call::run).as(entry.signature()).isInstanceOf(OrgKitException.class);

                    assertThat(world.heard.since(before)).as(entry.signature()).isEmpty();
                    world.assertTrailsMatchWhatWasHeard();
                }));
    }

    @TestFactory
    Stream<DynamicTest> each_query_audits_nothing() {
        return API.stream().filter(entry -> entry.audits().isEmpty()).map(entry -> DynamicTest.dynamicTest(
                entry.signature() + " (" + entry.note() + ")", () -> {
                    World world = new World(newStorage());
                    Runnable call = entry.succeed().apply(world);
                    int before = world.heard.count();

                    call.run();

                    assertThat(world.heard.since(before)).as(entry.signature()).isEmpty();
                    world.assertTrailsMatchWhatWasHeard();
                }));
    }

    // ---- change events ----

    @Test
    void listeners_hear_exactly_the_committed_events_in_order() {
        UserPrincipal ana = user("ana");
        UserPrincipal bob = user("bob");
        Organization org = acme(ana);
        kit.members().invite(ana, org.id(), "bob@example.com", Role.MEMBER);
        kit.invitations().accept(bob, mailer.lastTokenFor("bob@example.com"));
        kit.members().changeRole(ana, org.id(), bob.userId(), Role.ADMIN);
        kit.support().request(ana, org.id(), SupportAction.DEMOTE_ADMIN, bob.userId(), "bob moved on");

        List<AuditEvent> trail = new ArrayList<>(kit.audit().list(ana, org.id(), PageRequest.first(50)).items());
        java.util.Collections.reverse(trail);
        assertThat(events.events()).containsExactlyElementsOf(trail);
        assertThat(trail).extracting(AuditEvent::action).containsExactly(AuditAction.ORGANIZATION_CREATED,
                AuditAction.MEMBER_INVITED, AuditAction.INVITATION_MAIL_SENT, AuditAction.INVITATION_ACCEPTED, AuditAction.MEMBER_ROLE_CHANGED,
                AuditAction.SUPPORT_REQUESTED);
    }

    @Test
    void a_refused_command_reaches_no_listener() {
        UserPrincipal ana = user("ana");
        Organization org = acme(ana);
        int before = events.count();

        assertThatThrownBy(() -> kit.organizations().leave(ana, org.id(), "Acme"))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> kit.members().invite(user("bob"), org.id(), "x@example.com", Role.MEMBER))
                .isInstanceOf(NotFoundException.class);

        assertThat(events.since(before)).isEmpty();
    }

    @Test
    void a_failing_listener_neither_undoes_the_command_nor_silences_the_others() {
        RecordingListener second = new RecordingListener();
        EventListener failing = event -> {
            throw new IllegalStateException("webhook down");
        };
        OrgKit noisy = OrgKit.builder().storage(storage).mailer(mailer).clock(clock)
                .eventListener(failing).eventListener(second).eventListener(failing).build();
        UserPrincipal ana = user("ana");

        Organization org = noisy.organizations().create(ana,
                new NewOrganization("Acme", "Acme SAS", "alerts@acme.example", "billing@acme.example"));

        assertThat(second.events()).extracting(AuditEvent::action).containsExactly(AuditAction.ORGANIZATION_CREATED);
        assertThat(noisy.organizations().get(ana, org.id()).accountName()).isEqualTo("Acme");
        assertThat(noisy.audit().list(ana, org.id(), PageRequest.first(10)).items()).containsExactlyElementsOf(second.events());
    }

    @Test
    void a_listener_is_called_once_the_change_is_visible_to_everyone() {
        AtomicReference<OrgKit> self = new AtomicReference<>();
        List<Boolean> visible = new java.util.concurrent.CopyOnWriteArrayList<>();
        SupportPrincipal agent = Principal.support("agent-7");
        EventListener reader = event -> {
            // Another thread reads in its own transaction: it sees the event only if it was committed.
            boolean seen = CompletableFuture.supplyAsync(() -> self.get().audit()
                            .list(agent, event.accountId(), PageRequest.first(1)).items().contains(event))
                    .completeOnTimeout(false, 10, TimeUnit.SECONDS).join();
            visible.add(seen);
        };
        OrgKit watched = OrgKit.builder().storage(storage).mailer(mailer).clock(clock).eventListener(reader).build();
        self.set(watched);

        watched.organizations().create(user("ana"),
                new NewOrganization("Acme", "Acme SAS", "alerts@acme.example", "billing@acme.example"));

        assertThat(visible).containsExactly(true);
    }

    @Test
    void no_invitation_token_appears_in_any_event() throws Exception {
        UserPrincipal ana = user("ana");
        Organization org = acme(ana);
        kit.members().invite(ana, org.id(), "bob@example.com", Role.ADMIN);
        kit.members().invite(ana, org.id(), "carol@example.com", Role.MEMBER);
        kit.invitations().accept(user("bob"), mailer.lastTokenFor("bob@example.com"));
        kit.support().request(ana, org.id(), SupportAction.DEMOTE_ADMIN, user("bob").userId(), "moved on");
        List<String> secrets = new ArrayList<>();
        for (var mail : mailer.sent()) {
            secrets.add(mail.token());
            secrets.add(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(mail.token().getBytes(StandardCharsets.UTF_8))));
        }
        assertThat(secrets).hasSize(4);

        List<AuditEvent> all = new ArrayList<>(events.events());
        all.addAll(kit.audit().list(ana, org.id(), PageRequest.first(50)).items());
        assertThat(all).hasSizeGreaterThan(8);
        for (AuditEvent event : all) {
            for (String secret : secrets) {
                assertThat(event.toString()).doesNotContain(secret);
            }
        }
    }

    // ---- reading the trail ----

    @Test
    void the_trail_is_filtered_by_action_actor_and_time_newest_first() {
        UserPrincipal ana = user("ana");
        UserPrincipal bob = user("bob");
        SupportPrincipal agent = Principal.support("agent-7");
        Organization org = acme(ana);
        clock.advance(Duration.ofHours(1));
        kit.members().invite(ana, org.id(), "bob@example.com", Role.ADMIN);
        kit.invitations().accept(bob, mailer.lastTokenFor("bob@example.com"));
        clock.advance(Duration.ofHours(1));
        kit.support().demoteAdmin(agent, org.id(), bob.userId(), "TICKET-1");
        clock.advance(Duration.ofHours(1));
        kit.members().changeRole(ana, org.id(), bob.userId(), Role.ADMIN);

        assertThat(list(ana, org, AuditQuery.all().withActions(AuditAction.MEMBER_ROLE_CHANGED)))
                .extracting(e -> e.actor().kind()).containsExactly(Actor.Kind.USER, Actor.Kind.SUPPORT);
        assertThat(list(ana, org, AuditQuery.all().withActorKind(Actor.Kind.SUPPORT)))
                .extracting(AuditEvent::actor).containsExactly(Actor.support(agent, "TICKET-1"));
        assertThat(list(ana, org, AuditQuery.all().withActorId("u-bob")))
                .extracting(AuditEvent::action).containsExactly(AuditAction.INVITATION_ACCEPTED);
        assertThat(list(ana, org, AuditQuery.all().between(START.plus(Duration.ofHours(1)), START.plus(Duration.ofHours(2)))))
                .extracting(AuditEvent::action).containsExactly(AuditAction.INVITATION_ACCEPTED,
                        AuditAction.INVITATION_MAIL_SENT, AuditAction.MEMBER_INVITED);
        assertThat(list(ana, org, AuditQuery.all().withActorKind(Actor.Kind.SYSTEM)))
                .extracting(AuditEvent::action).containsExactly(AuditAction.INVITATION_MAIL_SENT);
        assertThat(list(ana, org, AuditQuery.all().withActions(AuditAction.MEMBER_ROLE_CHANGED, AuditAction.MEMBER_INVITED)
                .withActorKind(Actor.Kind.USER).between(START, START.plus(Duration.ofHours(2)))))
                .extracting(AuditEvent::action).containsExactly(AuditAction.MEMBER_INVITED);

        List<AuditAction> paged = new ArrayList<>();
        AuditQuery byUsers = AuditQuery.all().withActorKind(Actor.Kind.USER);
        Page<AuditEvent> page = kit.audit().list(ana, org.id(), byUsers, PageRequest.first(1));
        page.items().forEach(e -> paged.add(e.action()));
        while (page.nextCursor().isPresent()) {
            page = kit.audit().list(ana, org.id(), byUsers, PageRequest.after(page.nextCursor().get(), 1));
            page.items().forEach(e -> paged.add(e.action()));
        }
        assertThat(paged).containsExactly(AuditAction.MEMBER_ROLE_CHANGED, AuditAction.INVITATION_ACCEPTED,
                AuditAction.MEMBER_INVITED, AuditAction.ORGANIZATION_CREATED);
    }

    private List<AuditEvent> list(UserPrincipal who, Organization org, AuditQuery query) {
        return kit.audit().list(who, org.id(), query, PageRequest.first(50)).items();
    }

    @Test
    void admins_and_support_read_the_trail_and_members_do_not() {
        UserPrincipal ana = user("ana");
        UserPrincipal bob = user("bob");
        Organization org = acme(ana);
        kit.members().invite(ana, org.id(), "bob@example.com", Role.MEMBER);
        kit.invitations().accept(bob, mailer.lastTokenFor("bob@example.com"));

        // created, invited, mail sent, accepted
        assertThat(kit.audit().list(ana, org.id(), PageRequest.first(10)).items()).hasSize(4);
        assertThat(kit.audit().list(Principal.support("agent-7"), org.id(), AuditQuery.all(), PageRequest.first(10))
                .items()).hasSize(4);
        assertThatThrownBy(() -> kit.audit().list(bob, org.id(), AuditQuery.all(), PageRequest.first(10)))
                .isInstanceOf(AccessDeniedException.class)
                .extracting(e -> ((AccessDeniedException) e).code()).isEqualTo(DenialCode.ADMIN_ROLE_REQUIRED);
        assertThatThrownBy(() -> kit.audit().list(user("eve"), org.id(), PageRequest.first(10)))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> AuditQuery.all().between(START, START)).isInstanceOf(InvalidInputException.class);
    }
}
