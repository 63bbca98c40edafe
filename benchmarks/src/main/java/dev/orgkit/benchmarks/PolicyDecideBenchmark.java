package dev.orgkit.benchmarks;

import dev.orgkit.EmailAddress;
import dev.orgkit.Principal;
import dev.orgkit.UserId;
import dev.orgkit.UserPrincipal;
import dev.orgkit.account.AccountId;
import dev.orgkit.account.Organization;
import dev.orgkit.member.Role;
import dev.orgkit.policy.AccessFacts;
import dev.orgkit.policy.Decision;
import dev.orgkit.policy.Permission;
import dev.orgkit.policy.Policy;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** The pure {@link Policy#decide}: DESIGN §8 wants millions of decisions per second per core. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class PolicyDecideBenchmark {
    private final Policy policy = Policy.defaults();
    private final UserPrincipal member = Principal.user("u-bob", "bob@example.com");
    private AccessFacts memberFacts;
    private AccessFacts adminFacts;

    /** Facts as a service would read them. */
    @Setup
    public void setUp() {
        var org = new Organization(AccountId.of("org_1"), "Acme", "Acme SAS",
                EmailAddress.of("alerts@acme.example"), EmailAddress.of("billing@acme.example"),
                UserId.of("u-ana"), Instant.EPOCH, 1);
        memberFacts = AccessFacts.of(org, Optional.of(Role.MEMBER));
        adminFacts = AccessFacts.of(org, Optional.of(Role.ADMIN));
    }

    /** A member asks to manage API keys: denied (R12). */
    @Benchmark
    public Decision decideDenied() {
        return policy.decide(member, memberFacts, Permission.MANAGE_API_KEYS);
    }

    /** An admin asks to invite: allowed. */
    @Benchmark
    public Decision decideAllowed() {
        return policy.decide(member, adminFacts, Permission.INVITE_MEMBERS);
    }
}
