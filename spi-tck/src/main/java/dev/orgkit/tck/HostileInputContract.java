package dev.orgkit.tck;

import static dev.orgkit.tck.internal.Hostile.Leeway.FOREIGN;
import static dev.orgkit.tck.internal.Hostile.Leeway.MAY_READ;
import static dev.orgkit.tck.internal.Hostile.Leeway.REFUSE;

import dev.orgkit.OrgKit;
import dev.orgkit.OrgKitException;
import dev.orgkit.Principal;
import dev.orgkit.StorageException;
import dev.orgkit.SupportPrincipal;
import dev.orgkit.UserId;
import dev.orgkit.UserPrincipal;
import dev.orgkit.account.AccountId;
import dev.orgkit.account.NewOrganization;
import dev.orgkit.account.ProfileUpdate;
import dev.orgkit.apikey.ApiKeyId;
import dev.orgkit.apikey.CreatedApiKey;
import dev.orgkit.apikey.KeyVerification;
import dev.orgkit.apikey.NewApiKey;
import dev.orgkit.apikey.VerifyContext;
import dev.orgkit.audit.AuditQuery;
import dev.orgkit.invitation.InvitationId;
import dev.orgkit.invitation.BulkInvitation;
import dev.orgkit.invitation.InviteOutcome;
import dev.orgkit.invitation.InviteRequest;
import dev.orgkit.member.Role;
import dev.orgkit.plan.Plan;
import dev.orgkit.policy.Decision;
import dev.orgkit.support.SupportAction;
import dev.orgkit.support.SupportRequestId;
import dev.orgkit.tck.internal.Hostile;
import dev.orgkit.tck.internal.Hostile.Leeway;
import dev.orgkit.tck.internal.HostileValues;
import dev.orgkit.tck.internal.HostileValues.BuildFailure;
import dev.orgkit.tck.internal.HostileValues.NoHostileValues;
import dev.orgkit.tck.internal.Snapshot;
import dev.orgkit.PageRequest;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Hostile input, systematically: every public method of every service the kit exposes, found by
 * reflection (each public accessor of {@link OrgKit} that returns an interface), is called once per
 * parameter and hostile value of that parameter's type, the other arguments valid; the answer must
 * be a value only where the value is legitimate or the method only reads, otherwise an orgkit
 * exception (never a {@link StorageException}, never a JDK exception), whose message holds no
 * secret; and a refused call must change nothing the storage holds (a {@link Snapshot} before and
 * after), nor send mail or publish an event.
 *
 * <p>Each method runs against its own small world: an organization "Acme" with admins ana and carl,
 * member bob, a pending invitation for dan, an API key, a pending support request; another
 * organization with its own admins, invitation, key and request (whose ids are foreign to ana); a
 * stranger; and a support agent. A parameter type without hostile values fails the method's test,
 * naming the type, so new API is covered when it lands; records need nothing: their components'
 * hostile values are built through their canonical constructor. {@link ValidationContract} checks
 * hand-picked cases in detail (which fields a violation names); this contract checks breadth.
 *
 * @since 0.2.0
 */
public abstract class HostileInputContract extends ContractFixture {
    private static final SupportPrincipal AGENT = Principal.support("agent-hostile");
    private static final Set<Class<?>> IDS = Set.of(AccountId.class, UserId.class, InvitationId.class,
            ApiKeyId.class, SupportRequestId.class);

    private int worlds;
    /** The world of the last method, kept for the next while no call changed it. */
    private @Nullable World world;
    /** The full snapshot of {@link #world} as it was built. */
    private @Nullable Snapshot pristine;

    /** One dynamic test per public method with parameters of every service the kit exposes. */
    @TestFactory
    Stream<DynamicTest> every_public_method_answers_hostile_input_with_orgkit_exceptions_and_changes_nothing() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Method accessor : services()) {
            Object service = invoke(accessor, kit);
            Arrays.stream(accessor.getReturnType().getMethods())
                    .filter(m -> !Modifier.isStatic(m.getModifiers()) && m.getParameterCount() > 0)
                    .sorted(Comparator.comparing(HostileInputContract::signature))
                    .forEach(m -> tests.add(DynamicTest.dynamicTest(accessor.getName() + "()." + signature(m),
                            () -> probe(service, m, accessor.getName() + "()." + signature(m)))));
        }
        return tests.stream();
    }

    /** The kit's services: its public accessors without parameters that return an orgkit interface. */
    static List<Method> services() {
        return Arrays.stream(OrgKit.class.getMethods())
                .filter(m -> m.getDeclaringClass() == OrgKit.class && m.getParameterCount() == 0
                        && !Modifier.isStatic(m.getModifiers()) && m.getReturnType().isInterface()
                        && m.getReturnType().getPackageName().startsWith("dev.orgkit"))
                .sorted(Comparator.comparing(Method::getName))
                .toList();
    }

    private static String signature(Method m) {
        return m.getName() + Arrays.stream(m.getParameterTypes()).map(Class::getSimpleName)
                .collect(Collectors.joining(", ", "(", ")"));
    }

    // ---- one method ----

    private void probe(Object service, Method method, String name) {
        Parameter[] parameters = method.getParameters();
        if (!Arrays.stream(parameters).allMatch(Parameter::isNamePresent)) {
            throw new AssertionError(name + ": parameter names are missing; orgkit-core must be compiled with"
                    + " -parameters, as released");
        }
        World w = world;
        if (w == null || pristine == null) {
            w = new World(++worlds);
            pristine = w.fullSnapshot();
        }
        world = null;  // kept for the next method only if this one leaves it as it was built
        Object[] valid = new Object[parameters.length];
        for (int i = 0; i < parameters.length; i++) {
            valid[i] = w.valid(method, parameters[i]);
        }
        boolean boundToWorld = Arrays.stream(parameters).anyMatch(
                p -> IDS.contains(p.getType()) || p.getType() == String.class && p.getName().matches("token|secret"));
        boolean actsAsUser = Arrays.stream(valid).anyMatch(v -> v instanceof UserPrincipal);
        boolean takesPrincipal = Arrays.stream(parameters).anyMatch(p -> Principal.class.isAssignableFrom(p.getType()));
        SoftAssertions softly = new SoftAssertions();
        Probe probe = new Probe(softly, w, pristine, w.lightSnapshot());
        for (int i = 0; i < parameters.length; i++) {
            Parameter parameter = parameters[i];
            List<Hostile> hostiles;
            try {
                hostiles = w.hostile.of(parameter.getParameterizedType(), parameter.getName(), valid[i],
                        HostileValues.nullable(parameter.getAnnotatedType()));
                if (parameter.getType() == String.class && parameter.getName().equals("token")) {
                    hostiles = new ArrayList<>(hostiles);
                    hostiles.add(Hostile.of("the token of another organization's invitation", w.otherToken, FOREIGN));
                }
                if (isBatch(parameter)) {
                    // A batch answers a bad row with that row's violations and invites the others
                    // (checked in the probe: the bad row, appended last, is never invited).
                    hostiles = hostiles.stream().map(h -> h.leeway() == REFUSE && h.label().startsWith("with element ")
                            ? new Hostile(h.label(), h.value(), Leeway.MAY_ACCEPT) : h).toList();
                }
                if (parameter.getType() == UserId.class && !takesPrincipal) {
                    // A host-trusted command (no principal) may name any user; an unknown one is a
                    // documented no-op: it may answer normally, but nothing may change.
                    hostiles = hostiles.stream().map(h -> h.leeway() == REFUSE
                            ? new Hostile(h.label(), h.value(), MAY_READ) : h).toList();
                }
            } catch (NoHostileValues e) {
                softly.fail("%s, parameter %d (%s %s): %s; give HostileInputContract a generator for it",
                        name, i, parameter.getType().getSimpleName(), parameter.getName(), e.getMessage());
                continue;
            }
            for (Hostile hostile : hostiles) {
                boolean foreignPrincipal = hostile.leeway() == FOREIGN
                        && Principal.class.isAssignableFrom(parameter.getType());
                if (hostile.leeway() == FOREIGN && (foreignPrincipal ? !boundToWorld : !actsAsUser)) {
                    continue;
                }
                String where = name + ", parameter " + i + " (" + parameter.getName() + ") = " + hostile.label();
                probe.call(service, method, valid, i, hostile, where);
            }
        }
        Snapshot end = w.fullSnapshot();
        softly.assertThat(end.differencesFrom(probe.baseline))
                .as("%s: what changed that no call was seen to change", name).isEmpty();
        if (!probe.changed && end.equals(pristine)) {
            world = w;
        }
        softly.assertAll();
    }

    /** The calls on one method: what they may do, and the snapshots they are checked against. */
    private static final class Probe {
        final SoftAssertions softly;
        final World w;
        /** The full snapshot after the last change a call was allowed (or seen) to make. */
        Snapshot baseline;
        /** The light snapshot after the last call. */
        Snapshot light;
        boolean changed;

        Probe(SoftAssertions softly, World w, Snapshot baseline, Snapshot light) {
            this.softly = softly;
            this.w = w;
            this.baseline = baseline;
            this.light = light;
        }

        /** Makes one call and checks its answer, and that nothing changed unless the value is legitimate. */
        void call(Object service, Method method, Object[] valid, int index, Hostile hostile, String where) {
            Object[] args = valid.clone();
            @Nullable Object result = null;
            @Nullable Throwable thrown = null;
            try {
                args[index] = hostile.value().get();
            } catch (BuildFailure e) {
                checkThrown(softly, w, where + " (refused when built)", e.getCause(), args, index);
                return;
            }
            try {
                result = method.invoke(service, args);
            } catch (InvocationTargetException e) {
                thrown = e.getCause();
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
            if (result instanceof AutoCloseable running) {
                try {
                    running.close();
                } catch (Exception e) {
                    softly.fail("%s: closing what it started threw %s", where, e);
                }
            }
            Leeway leeway = hostile.leeway();
            if (result instanceof BulkInvitation bulk && hostile.label().startsWith("with element ")) {
                InviteOutcome last = bulk.outcomes().get(bulk.outcomes().size() - 1);
                softly.assertThat(last.invitation()).as("%s: the bad row was invited", where).isEmpty();
            }
            if (thrown != null) {
                checkThrown(softly, w, where, thrown, args, index);
            } else if ((leeway == REFUSE || leeway == FOREIGN) && !negativeVerdict(result)) {
                softly.fail("%s: answered %s; expected an orgkit exception", where, shorten(result));
            }
            Snapshot after = w.lightSnapshot();
            if (thrown == null && leeway == Leeway.MAY_ACCEPT) {
                changed |= !after.equals(light);
                baseline = w.fullSnapshot();
            } else {
                List<String> changes = new ArrayList<>(after.differencesFrom(light));
                if (result instanceof KeyVerification verification && verification.isValid()) {
                    changes.removeIf(change -> change.startsWith("usage of "));  // a valid call counts, as documented
                }
                softly.assertThat(changes).as("%s: what changed", where).isEmpty();
                if (!after.equals(light)) {
                    changed = true;
                    baseline = w.fullSnapshot();
                }
            }
            light = after;
        }
    }

    private static void checkThrown(SoftAssertions softly, World w, String where, Throwable thrown, Object[] args,
            int index) {
        if (!(thrown instanceof OrgKitException) || thrown instanceof StorageException) {
            softly.fail("%s: threw %s; expected an orgkit exception other than StorageException%n%s", where, thrown,
                    stackTop(thrown));
            return;
        }
        List<String> secrets = new ArrayList<>(w.secrets);
        if (args[index] instanceof String text && text.length() >= 8) {
            secrets.add(text);
        }
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            String message = String.valueOf(t.getMessage());
            for (String secret : secrets) {
                softly.assertThat(message.contains(secret)).as("%s: the message %s holds a secret", where,
                        shorten(message)).isFalse();
            }
        }
    }

    private static boolean isBatch(Parameter parameter) {
        return parameter.getType() == List.class && parameter.getParameterizedType().getTypeName()
                .equals("java.util.List<" + InviteRequest.class.getName() + ">");
    }

    private static boolean negativeVerdict(@Nullable Object result) {
        if (result instanceof Decision decision) {
            return !decision.isAllowed();
        }
        if (result instanceof KeyVerification verification) {
            return !verification.isValid();
        }
        return false;
    }

    private static String stackTop(Throwable thrown) {
        return Arrays.stream(thrown.getStackTrace()).limit(6).map(e -> "    at " + e)
                .collect(Collectors.joining("\n"));
    }

    private static String shorten(@Nullable Object value) {
        String text = String.valueOf(value);
        return text.length() <= 300 ? text : text.substring(0, 300) + "...";
    }

    private static Object invoke(Method method, Object target) {
        try {
            return method.invoke(target);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- the world a method is called in ----

    /** An organization with some of everything, another one, a stranger; the valid and hostile values around them. */
    private final class World {
        final UserPrincipal ana;
        final UserPrincipal bob;
        final UserPrincipal carl;
        final UserPrincipal dan;
        final UserPrincipal olga;
        final UserPrincipal stranger;
        final AccountId org;
        final AccountId other;
        final AccountId anaPersonal;
        final AccountId olgaPersonal;
        final InvitationId invitation;
        final InvitationId otherInvitation;
        final String token;
        final String otherToken;
        final ApiKeyId key;
        final ApiKeyId otherKey;
        final SupportRequestId request;
        final SupportRequestId otherRequest;
        final List<String> secrets = new ArrayList<>();
        final Snapshot.Scope scope;
        final HostileValues hostile;

        World(int n) {
            ana = user("ana-" + n);
            bob = user("bob-" + n);
            carl = user("carl-" + n);
            dan = user("dan-" + n);
            olga = user("olga-" + n);
            UserPrincipal quinn = user("quinn-" + n);
            String pat = "pat-" + n + "@example.com";
            stranger = user("stranger-" + n);

            org = acme(ana).id();
            join(ana, org, bob, Role.MEMBER);
            join(ana, org, carl, Role.ADMIN);
            invitation = kit.members().invite(ana, org, dan.verifiedEmail().value(), Role.MEMBER).id();
            token = mailer.lastTokenFor(dan.verifiedEmail().value());
            anaPersonal = kit.accounts().personal(ana).id();
            CreatedApiKey created = kit.apiKeys().create(ana, org, new NewApiKey("ci"));
            key = created.apiKey().id();
            request = kit.support().request(ana, org, SupportAction.DEMOTE_ADMIN, carl.userId(), "left the team").id();
            kit.plans().assign(org, Plan.monthly(1_000));
            kit.usageAlerts().set(ana, org, Set.of(50, 80));

            other = kit.organizations().create(olga,
                    new NewOrganization("Other", "Other SAS", "alerts@other.example", "billing@other.example")).id();
            join(olga, other, quinn, Role.ADMIN);
            otherInvitation = kit.members().invite(olga, other, pat, Role.MEMBER).id();
            otherToken = mailer.lastTokenFor(pat);
            CreatedApiKey otherCreated = kit.apiKeys().create(olga, other, new NewApiKey("ci"));
            otherKey = otherCreated.apiKey().id();
            otherRequest = kit.support().request(olga, other, SupportAction.DEMOTE_ADMIN, quinn.userId(), "left").id();
            olgaPersonal = kit.accounts().personal(olga).id();

            secrets.addAll(List.of(token, otherToken, created.secret(), otherCreated.secret()));
            scope = new Snapshot.Scope(List.of(org, other), List.of(org, other, anaPersonal, olgaPersonal),
                    List.of(ana.userId(), bob.userId(), carl.userId(), dan.userId(), olga.userId(),
                            stranger.userId()),
                    List.of(invitation, otherInvitation), List.of(key, otherKey), List.of(request, otherRequest));
            hostile = new HostileValues(domain());
        }

        Snapshot fullSnapshot() {
            kit.apiKeys().flushUsage();
            return Snapshot.full(storage, scope, clock.instant(), outside());
        }

        Snapshot lightSnapshot() {
            kit.apiKeys().flushUsage();
            return Snapshot.light(storage, scope, clock.instant(), outside());
        }

        private Map<String, Object> outside() {
            return Map.of("mails sent", mailer.attempted().size(), "events published", events.count());
        }

        /** The hostile values of the domain's types, aimed at this world. */
        private Map<Class<?>, Function<@Nullable Object, List<Hostile>>> domain() {
            Map<Class<?>, Function<@Nullable Object, List<Hostile>>> domain = new HashMap<>();
            domain.put(UserPrincipal.class, valid -> List.of(
                    Hostile.of("a stranger", stranger, FOREIGN),
                    Hostile.of("the admin of another organization", olga, FOREIGN)));
            domain.put(Principal.class, valid -> valid instanceof SupportPrincipal
                    ? List.of(Hostile.of("a user (an admin)", ana, REFUSE), Hostile.of("a stranger", stranger, REFUSE))
                    : List.of(Hostile.of("a stranger", stranger, FOREIGN),
                            Hostile.of("the admin of another organization", olga, FOREIGN),
                            Hostile.of("a support agent", AGENT, MAY_READ)));
            domain.put(AccountId.class, valid -> List.of(
                    Hostile.of("an unknown account", AccountId.of("acc_unknown_hostile"), REFUSE),
                    Hostile.of("another organization", other, FOREIGN),
                    Hostile.of("someone else's personal account", olgaPersonal, FOREIGN)));
            domain.put(UserId.class, valid -> List.of(
                    Hostile.of("an unknown user", UserId.of("u-unknown-hostile"), REFUSE),
                    Hostile.of("a member of another organization", olga.userId(), FOREIGN)));
            domain.put(InvitationId.class, valid -> List.of(
                    Hostile.of("an unknown invitation", InvitationId.of("inv_unknown_hostile"), REFUSE),
                    Hostile.of("an invitation of another organization", otherInvitation, FOREIGN)));
            domain.put(ApiKeyId.class, valid -> List.of(
                    Hostile.of("an unknown key", ApiKeyId.of("key_unknown_hostile"), REFUSE),
                    Hostile.of("a key of another organization", otherKey, FOREIGN)));
            domain.put(SupportRequestId.class, valid -> List.of(
                    Hostile.of("an unknown request", SupportRequestId.of("sr_unknown_hostile"), REFUSE),
                    Hostile.of("a request of another organization", otherRequest, FOREIGN)));
            return domain;
        }

        /** The valid value of a parameter, by its type and name. */
        Object valid(Method method, Parameter parameter) {
            Class<?> type = parameter.getType();
            String name = parameter.getName();
            if (type == UserPrincipal.class || type == Principal.class) {
                return switch (name) {
                    case "member" -> bob;
                    case "invitee" -> dan;
                    case "agent" -> AGENT;
                    default -> ana;
                };
            }
            if (type == AccountId.class) {
                return org;
            }
            if (type == UserId.class) {
                return name.equals("targetUserId") || method.getName().contains("Admin") ? carl.userId() : bob.userId();
            }
            if (type == InvitationId.class) {
                return invitation;
            }
            if (type == ApiKeyId.class) {
                return key;
            }
            if (type == SupportRequestId.class) {
                return request;
            }
            if (type == String.class) {
                return switch (name) {
                    case "email" -> "eve@example.com";
                    case "typedAccountName" -> "Acme";
                    case "typedEmail" -> bob.verifiedEmail().value();
                    case "token" -> token;
                    case "secret" -> secrets.get(2);
                    case "ticket" -> "TICKET-1";
                    default -> name.toLowerCase().contains("email") ? "eve@example.com" : "a reason";
                };
            }
            if (type == Role.class) {
                return Role.ADMIN;
            }
            if (type == SupportAction.class) {
                return SupportAction.DEMOTE_ADMIN;
            }
            if (type.isEnum()) {
                return type.getEnumConstants()[0];
            }
            if (type == PageRequest.class) {
                return PageRequest.first(50);
            }
            if (type == NewOrganization.class) {
                return new NewOrganization("Acme Two", "Acme Two SAS", "alerts@two.example", "billing@two.example");
            }
            if (type == ProfileUpdate.class) {
                return new ProfileUpdate("Acme Holding SAS", "ops@acme.example", "ap@acme.example");
            }
            if (type == NewApiKey.class) {
                return new NewApiKey("deploy").withScopes(Set.of("documents:read"))
                        .withRateLimit(100, Duration.ofSeconds(1)).withAllowedNetworks(Set.of("203.0.113.0/24"))
                        .expiringAt(clock.instant().plus(Duration.ofDays(30)));
            }
            if (type == VerifyContext.class) {
                return VerifyContext.scope("documents:read");
            }
            if (type == AuditQuery.class) {
                return AuditQuery.all().between(START.minus(Duration.ofDays(1)), START.plus(Duration.ofDays(1)));
            }
            if (type == Plan.class) {
                return Plan.monthly(10_000).seats(25);
            }
            if (type == Duration.class) {
                return Duration.ofHours(1);
            }
            LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
            if (type == LocalDate.class) {
                return name.equals("from") ? today.minusDays(7) : today;
            }
            if (type == YearMonth.class) {
                return YearMonth.from(today);
            }
            if (type == Instant.class) {
                return clock.instant();
            }
            if (type == Set.class && parameter.getParameterizedType().getTypeName().equals("java.util.Set<java.lang.Integer>")) {
                return Set.of(50, 80);
            }
            if (isBatch(parameter)) {
                return List.of(new InviteRequest("eve@example.com", Role.MEMBER),
                        new InviteRequest("fay@example.com", Role.ADMIN));
            }
            if (type == int.class || type == Integer.class) {
                return 1;
            }
            if (type == long.class || type == Long.class) {
                return 1L;
            }
            if (type == boolean.class || type == Boolean.class) {
                return Boolean.TRUE;
            }
            throw new AssertionError("no valid value for " + parameter + " of " + method
                    + "; give HostileInputContract one");
        }
    }
}
