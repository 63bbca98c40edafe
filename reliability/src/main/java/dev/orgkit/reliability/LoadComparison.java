package dev.orgkit.reliability;

import com.zaxxer.hikari.HikariDataSource;
import dev.orgkit.OrgKit;
import dev.orgkit.Principal;
import dev.orgkit.SupportPrincipal;
import dev.orgkit.UserId;
import dev.orgkit.UserPrincipal;
import dev.orgkit.account.AccountId;
import dev.orgkit.account.NewOrganization;
import dev.orgkit.apikey.NewApiKey;
import dev.orgkit.invitation.Invitation;
import dev.orgkit.jdbc.JdbcStorage;
import dev.orgkit.mail.InvitationMail;
import dev.orgkit.member.Role;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import javax.sql.DataSource;

/**
 * orgkit's throughput on PostgreSQL side by side with pgbench on the same server, in the same run:
 * {@code verify} (no cache) with 4 threads against {@code pgbench -S -M prepared -c 4}, and
 * commands (invite + accept; a promotion and a support demotion) with 1, 2 and 4 threads against a
 * pgbench script of exactly the statements orgkit sent for them. Prints ratios; run by hand:
 * {@code java -cp reliability/target/reliability-all.jar dev.orgkit.reliability.LoadComparison --url=... --seconds=10}.
 */
public final class LoadComparison {
    private final Map<String, String> tokens = new ConcurrentHashMap<>();
    private final SupportPrincipal agent = Principal.support("agent-load");

    private LoadComparison() {}

    /** Runs the comparison and prints its table. */
    public static void main(String[] args) throws Exception {
        Settings settings = Settings.parse(Arrays.stream(args).filter(a -> !a.startsWith("--rounds=")).toArray(String[]::new));
        int rounds = Arrays.stream(args).filter(a -> a.startsWith("--rounds=")).map(a -> Integer.parseInt(a.substring(9)))
                .findFirst().orElse(3);
        new LoadComparison().run(settings.url(), Math.min(settings.seconds(), 60), rounds);
    }

    private void run(String url, int seconds, int rounds) throws Exception {
        Database database = Database.of(url, "load" + Long.toString(ThreadLocalRandom.current().nextLong() >>> 1, 36)
                .substring(0, 6));
        database.create();
        try (HikariDataSource pool = database.pool("load", 8)) {
            var recorder = new StatementRecorder();
            DataSource recorded = recorder.wrap(pool);
            JdbcStorage.migrate(pool);
            OrgKit kit = kit(JdbcStorage.create(recorded));
            var pgbench = new Pgbench(url, database.name);
            List<String> rows = new ArrayList<>();
            verify(kit, pool, pgbench, seconds, rounds, rows);
            commands(kit, recorder, pool, pgbench, seconds, rounds, rows);
            System.out.println();
            System.out.println("| workload | threads | orgkit per second | pgbench per second | orgkit ÷ pgbench |");
            System.out.println("|---|---:|---:|---:|---:|");
            rows.forEach(System.out::println);
        } finally {
            database.drop();
        }
    }

    private OrgKit kit(JdbcStorage storage) {
        return OrgKit.builder().storage(storage).mailer(mail -> {
            if (mail instanceof InvitationMail invitation) {
                tokens.put(invitation.invitationId().value(), invitation.token());
            }
        })
                .build();
    }

    private void verify(OrgKit kit, DataSource pool, Pgbench pgbench, int seconds, int rounds, List<String> rows) throws Exception {
        UserPrincipal admin = Population.user(0);
        AccountId org = organization(kit, admin, "verify");
        List<String> secrets = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            secrets.add(kit.apiKeys().create(admin, org, new NewApiKey("k" + i)).secret());
        }
        List<String> hashes = secrets.stream().map(LoadComparison::sha256).toList();
        pgbench.initialize(1);
        // Warm-up (discarded): the JIT compiles the verification path before the first round counts.
        rate(4, seconds, t -> () -> kit.apiKeys().verify(secrets.get(ThreadLocalRandom.current().nextInt(secrets.size()))));
        double[] ratios = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            double ours = rate(4, seconds, t -> () -> kit.apiKeys().verify(
                    secrets.get(ThreadLocalRandom.current().nextInt(secrets.size()))));
            double jdbc = rate(4, seconds, t -> () -> lookUp(pool, hashes.get(ThreadLocalRandom.current().nextInt(hashes.size()))));
            double theirs = pgbench.selectOnly(4, seconds);
            ratios[r] = ours / theirs;
            rows.add(row("verify, no cache (round " + (r + 1) + ") vs pgbench -S -M prepared", 4, ours, theirs));
            rows.add(row("the same key lookup in plain JDBC on the pool (round " + (r + 1) + ")", 4, jdbc, theirs));
        }
        Arrays.sort(ratios);
        rows.add(String.format(Locale.ROOT, "| **verify: median ratio of %d rounds** | 4 | | | **%.2f** |", rounds,
                ratios[rounds / 2]));
    }

    private void commands(OrgKit kit, StatementRecorder recorder, DataSource pool, Pgbench pgbench, int seconds,
            int rounds, List<String> rows) throws Exception {
        UserPrincipal admin = Population.user(1);
        AccountId recordedOrg = organization(kit, admin, "recorded");
        UserId member = join(kit, admin, recordedOrg, "m0@load.example");
        var counter = new AtomicLong();
        Runnable inviteAccept = () -> inviteAndAccept(kit, admin, recordedOrg, "r" + counter.incrementAndGet());
        Runnable roleChange = () -> promoteAndDemote(kit, admin, recordedOrg, member);
        String inviteScript = script(recorder, inviteAccept, recordedOrg);
        String roleScript = script(recorder, roleChange, recordedOrg);
        copyForClients(pool, recordedOrg, 4);
        for (int threads : new int[] {1, 2, 4}) {
            List<AccountId> orgs = new ArrayList<>();
            List<UserId> members = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                orgs.add(organization(kit, admin, "t" + threads + "-" + t));
                members.add(join(kit, admin, orgs.get(t), "m" + threads + "-" + t + "@load.example"));
            }
            var n = new AtomicLong();
            int clients = threads;
            compare(rows, "invite + accept (with the mail dispatch)", threads, rounds,
                    () -> rate(clients, seconds, t -> () -> inviteAndAccept(kit, admin, orgs.get(t),
                            "c" + clients + "x" + n.incrementAndGet())),
                    () -> pgbench.script(inviteScript, clients, seconds));
            compare(rows, "promote + support demotion", threads, rounds,
                    () -> rate(clients, seconds, t -> () -> promoteAndDemote(kit, admin, orgs.get(t), members.get(t))),
                    () -> pgbench.script(roleScript, clients, seconds));
        }
    }

    private interface Measure {
        double perSecond() throws Exception;
    }

    /** Alternates orgkit and pgbench {@code rounds} times; the row shows the medians and the median ratio. */
    private static void compare(List<String> rows, String workload, int threads, int rounds, Measure ours,
            Measure theirs) throws Exception {
        double[] o = new double[rounds];
        double[] p = new double[rounds];
        double[] ratio = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            o[r] = ours.perSecond();
            p[r] = theirs.perSecond();
            ratio[r] = o[r] / p[r];
        }
        Arrays.sort(o);
        Arrays.sort(p);
        Arrays.sort(ratio);
        rows.add(String.format(Locale.ROOT, "| %s (median of %d) | %d | %.0f | %.0f | %.2f |", workload, rounds, threads,
                o[rounds / 2], p[rounds / 2], ratio[rounds / 2]));
    }

    /** The floor of an uncached verification: one pooled, prepared, indexed SELECT by key hash. */
    private static void lookUp(DataSource pool, String hash) {
        try (Connection c = pool.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT * FROM orgkit_api_keys WHERE key_hash = ?")) {
            s.setString(1, hash);
            try (var r = s.executeQuery()) {
                r.next();
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sha256(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(secret.getBytes(StandardCharsets.ISO_8859_1)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void inviteAndAccept(OrgKit kit, UserPrincipal admin, AccountId org, String name) {
        String email = name + "@load.example";
        Invitation invitation = kit.members().invite(admin, org, email, Role.MEMBER);
        kit.invitations().accept(Population.userOf(email), tokens.remove(invitation.id().value()));
    }

    private void promoteAndDemote(OrgKit kit, UserPrincipal admin, AccountId org, UserId member) {
        kit.members().changeRole(admin, org, member, Role.ADMIN);
        kit.support().demoteAdmin(agent, org, member, "T-1");
    }

    private UserId join(OrgKit kit, UserPrincipal admin, AccountId org, String email) {
        Invitation invitation = kit.members().invite(admin, org, email, Role.MEMBER);
        return kit.invitations().accept(Population.userOf(email), tokens.remove(invitation.id().value())).userId();
    }

    private static AccountId organization(OrgKit kit, UserPrincipal admin, String name) {
        return kit.organizations().create(admin, new NewOrganization(name, name + " SAS", "alerts@load.example",
                "billing@load.example")).id();
    }

    /** Runs {@code command} once unrecorded, then records it twice and makes the pgbench script. */
    private static String script(StatementRecorder recorder, Runnable command, AccountId org) {
        command.run();
        long start = System.currentTimeMillis();
        recorder.start();
        command.run();
        var first = recorder.stop();
        recorder.start();
        command.run();
        return PgbenchScript.of(first, recorder.stop(), org.value(), start);
    }

    /** One copy of the recorded organization (its row and memberships) per pgbench client: {@code <id>c<client>}. */
    private static void copyForClients(DataSource pool, AccountId org, int clients) throws Exception {
        try (Connection c = pool.getConnection();
                PreparedStatement account = c.prepareStatement("""
                        INSERT INTO orgkit_accounts (account_id, kind, owner_id, account_name, legal_name, alerting_email,
                          invoicing_email, created_by, created_at, version)
                        SELECT account_id || 'c' || ?, kind, owner_id, account_name, legal_name, alerting_email,
                          invoicing_email, created_by, created_at, version FROM orgkit_accounts WHERE account_id = ?""");
                PreparedStatement members = c.prepareStatement("""
                        INSERT INTO orgkit_memberships (account_id, user_id, email, role, joined_at)
                        SELECT account_id || 'c' || ?, user_id, email, role, joined_at
                        FROM orgkit_memberships WHERE account_id = ?""")) {
            for (int client = 0; client < clients; client++) {
                for (PreparedStatement s : List.of(account, members)) {
                    s.setInt(1, client);
                    s.setString(2, org.value());
                    s.executeUpdate();
                }
            }
        }
    }

    /** Iterations per second of {@code body} on {@code threads} threads, after a second of warm-up. */
    private static double rate(int threads, int seconds, IntFunction<Runnable> body) throws InterruptedException {
        var counting = new AtomicBoolean();
        var running = new AtomicBoolean(true);
        var done = new AtomicLong();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Runnable work = body.apply(t);
            Thread thread = new Thread(() -> {
                while (running.get()) {
                    work.run();
                    if (counting.get()) {
                        done.incrementAndGet();
                    }
                }
            });
            thread.start();
            workers.add(thread);
        }
        Thread.sleep(1_000);
        counting.set(true);
        long start = System.nanoTime();
        Thread.sleep(seconds * 1_000L);
        counting.set(false);
        double elapsed = (System.nanoTime() - start) / 1e9;
        running.set(false);
        for (Thread worker : workers) {
            worker.join();
        }
        return done.get() / elapsed;
    }

    private static String row(String workload, int threads, double ours, double theirs) {
        return String.format(Locale.ROOT, "| %s | %d | %.0f | %.0f | %.2f |", workload, threads, ours, theirs, ours / theirs);
    }
}
