package dev.orgkit.reliability;

import com.zaxxer.hikari.HikariDataSource;
import dev.orgkit.OrgKit;
import dev.orgkit.UserPrincipal;
import dev.orgkit.account.NewOrganization;
import dev.orgkit.jdbc.JdbcStorage;
import dev.orgkit.plan.Plan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Runs the reliability harness: makes the run's database, creates the shared organizations, starts
 * the worker processes, injects faults while they run (see {@link Faults}), stops them, drains the
 * mail outbox, checks every invariant and prints the table. Exits with 1 on any violation.
 *
 * <pre>{@code java -jar reliability/target/reliability-all.jar --url=jdbc:postgresql://127.0.0.1:5432/test?user=postgres --seconds=1800}</pre>
 */
public final class Harness {
    private Harness() {}

    /** Runs one configuration and prints its table; the exit status is 1 if anything was violated. */
    public static void main(String[] args) throws Exception {
        Report report = run(Settings.parse(args));
        report.print(System.out);
        System.exit(report.violations() == 0 ? 0 : 1);
    }

    static Report run(Settings base) throws Exception {
        var random = new SplittableRandom(base.seed());
        // The id names the run's directory and database: unique per run, so that replaying a seed
        // never mixes its journals with an earlier run's (the seed's choices stay the same).
        String runId = Long.toString((random.nextLong() ^ System.nanoTime()) & Long.MAX_VALUE | 1L << 62, 36)
                .substring(0, 8);
        Path dir = base.directory().resolve(runId).toAbsolutePath();
        if (Files.exists(dir)) {
            // Its journals would be read with this run's.
            throw new IllegalStateException("The run directory " + dir + " exists; remove it or pass another --dir");
        }
        Files.createDirectories(dir);
        Settings settings = Settings.parse(withDirectory(base, dir));
        Database database = Database.of(settings.url(), runId);
        database.create();
        Report report = new Report(String.format(Locale.ROOT,
                "orgkit reliability run %s: %s, %d processes, %d s, seed %d, mail failure %.0f%%",
                runId, database.kind.name().toLowerCase(Locale.ROOT), settings.workers(), settings.seconds(),
                settings.seed(), settings.mailFailure() * 100));
        boolean drop = !settings.keep();
        try {
            // The harness's own pool is closed while the workers run: the fault injector ends only theirs.
            try (HikariDataSource pool = database.pool("harness", 3)) {
                JdbcStorage.migrate(pool);
                setUp(pool, settings, dir);
            }
            Map<String, Long> kills;
            try (var faults = new Faults(database, settings, dir, runId, random.split())) {
                faults.startWorkers();
                kills = faults.runFor(Duration.ofSeconds(settings.seconds()), report);
                Files.createFile(dir.resolve("stop"));
                faults.awaitWorkers(report);
            }
            check(database, settings, dir, kills, report);
            if (report.violations() > 0) {
                drop = false;
                report.figures.put("kept for inspection", database.name + " and " + dir);
            }
        } finally {
            if (drop) {
                database.drop();
            }
        }
        return report;
    }

    private static void check(Database database, Settings settings, Path dir, Map<String, Long> kills, Report report)
            throws Exception {
        try (HikariDataSource pool = database.pool("harness", 3)) {
            DeliveryChecks.mailSentOrDue(Snapshot.read(pool), report);
            drain(pool, settings, dir);
            Journals journals = Journals.read(dir);
            Snapshot snapshot = Snapshot.read(pool);
            snapshot.readMentions(pool);
            StateChecks.run(snapshot, journals, report);
            DeliveryChecks.run(snapshot, journals, Mailbox.readAll(dir), kills, settings, report);
            long refused = journals.incarnations.values().stream().mapToLong(i -> i.mailsRefused).sum();
            long sent = journals.incarnations.values().stream().mapToLong(i -> i.mailsSent).sum();
            report.mailsRefused = refused;
            report.faults.put("mail sends refused by the mailer", refused + " of " + (refused + sent));
            report.faults.put("verifications that failed on the storage",
                    String.valueOf(journals.incarnations.values().stream().mapToLong(i -> i.verifyErrors).sum()));
        }
    }

    private static String[] withDirectory(Settings settings, Path dir) {
        List<String> args = new ArrayList<>(settings.toArgs());
        args.removeIf(a -> a.startsWith("--dir="));
        args.add("--dir=" + dir);
        return args.toArray(String[]::new);
    }

    /**
     * Creates the shared organizations, each by its own founder, and assigns their plans (6 seats for
     * every other one, unlimited for the rest), journaled like any command.
     */
    private static void setUp(HikariDataSource pool, Settings settings, Path dir) {
        var organizations = new ArrayList<Population.Org>();
        try (Journal journal = Journal.open(dir.resolve("setup-1.journal"));
                OrgKit kit = OrgKit.builder().storage(JdbcStorage.create(pool))
                        .mailer(mail -> { throw new IllegalStateException("the set-up sends no mail"); })
                        .build()) {
            var outcomes = new Outcomes(journal, "0");
            for (int i = 0; i < settings.organizations(); i++) {
                UserPrincipal founder = Population.user(i);
                String name = "rel-org-" + i;
                outcomes.run("CREATE_ORGANIZATION", AuditKeys.organizationCreated(founder.userId().value(), name),
                        () -> kit.organizations().create(founder, new NewOrganization(name, name + " SAS",
                                "alerts@" + name + ".example", "billing@" + name + ".example")),
                        org -> org.id().value())
                        .ifPresentOrElse(org -> organizations.add(new Population.Org(org.id(), name)), () -> {
                            throw new IllegalStateException("could not create the shared organization " + name);
                        });
            }
            // Seats (R14): every other organization is limited to 6 (members plus pending invitations).
            for (int i = 0; i < organizations.size(); i++) {
                Population.Org org = organizations.get(i);
                Plan plan = i % 2 == 0 ? Plan.unlimited().seats(6) : Plan.unlimited();
                outcomes.run("PLAN_ASSIGNED", AuditKeys.planAssigned(org.id(), Workload.seatsOf(plan)),
                        () -> kit.plans().assign(org.id(), plan), Workload::seatsOf)
                        .orElseThrow(() -> new IllegalStateException("could not assign the plan of " + org.name()));
            }
            // One more organization, apart from the shared ones, that the workload deletes and support restores.
            UserPrincipal founder = Population.lifecycleFounder(settings.users());
            String name = "rel-life";
            Population.Org life = outcomes.run("CREATE_ORGANIZATION",
                    AuditKeys.organizationCreated(founder.userId().value(), name),
                    () -> kit.organizations().create(founder, new NewOrganization(name, name + " SAS",
                            "alerts@" + name + ".example", "billing@" + name + ".example")),
                    org -> org.id().value())
                    .map(org -> new Population.Org(org.id(), name))
                    .orElseThrow(() -> new IllegalStateException("could not create " + name));
            Population.writeLifecycle(dir, life);
            // Two more, apart too, where the workload's erasable users join, leave and are erased.
            UserPrincipal eraser = Population.erasureFounder(settings.users());
            var erasure = new ArrayList<Population.Org>();
            for (String erase : List.of("rel-erase", "rel-erase-2")) {
                erasure.add(outcomes.run("CREATE_ORGANIZATION", AuditKeys.organizationCreated(eraser.userId().value(), erase),
                        () -> kit.organizations().create(eraser, new NewOrganization(erase, erase + " SAS",
                                "alerts@" + erase + ".example", "billing@" + erase + ".example")),
                        org -> org.id().value())
                        .map(org -> new Population.Org(org.id(), erase))
                        .orElseThrow(() -> new IllegalStateException("could not create " + erase)));
            }
            Population.writeErasure(dir, erasure);
            journal.write("END", System.currentTimeMillis());
        }
        Population.write(dir, organizations);
    }

    /**
     * Lets every claim a killed process held expire, then dispatches the outbox with a mailer that
     * works, until every pending invitation's mail is sent (or a minute has passed).
     */
    private static void drain(HikariDataSource pool, Settings settings, Path dir) throws Exception {
        TimeUnit.MILLISECONDS.sleep(settings.leaseMillis() + 2_500);
        try (Journal box = Journal.open(Mailbox.fileOf(dir, "drain-1"));
                OrgKit kit = OrgKit.builder().storage(JdbcStorage.create(pool))
                        .mailer(mail -> Mailbox.deliver(box, mail))
                        .deliveryLease(Duration.ofMillis(settings.leaseMillis()))
                        .build()) {
            long deadline = System.currentTimeMillis() + 60_000;
            do {
                kit.deliveries().dispatchPending();
                if (Snapshot.undelivered(pool).stream().noneMatch(i -> !i.delivery().equals("GIVEN_UP"))) {
                    return;
                }
                TimeUnit.MILLISECONDS.sleep(500);
            } while (System.currentTimeMillis() < deadline);
        }
    }
}
