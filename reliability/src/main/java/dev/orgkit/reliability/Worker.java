package dev.orgkit.reliability;

import com.zaxxer.hikari.HikariDataSource;
import dev.orgkit.OrgKit;
import dev.orgkit.apikey.KeyVerification;
import dev.orgkit.jdbc.JdbcStorage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One worker process: runs the workload's command threads, a steady stream of {@code verify} on the
 * keys it holds the secrets of, the usage flusher and the background mail dispatcher, until the
 * harness asks it to stop (a {@code stop} file) or kills it. Started as
 * {@code java -cp ... dev.orgkit.reliability.Worker <process> <incarnation> <run> --settings...}.
 */
public final class Worker {
    /** A key whose secret this process holds, and what its verifications answered here. */
    static final class OwnedKey {
        final String keyId;
        final String secret;
        final AtomicLong valid = new AtomicLong();
        final AtomicLong lastValidStart = new AtomicLong();
        volatile boolean dirty;

        OwnedKey(String keyId, String secret) {
            this.keyId = keyId;
            this.secret = secret;
        }
    }

    /**
     * A link invitation this process issued: its token lives only in this process's memory (never in a
     * journal or a mailbox), as a host keeps the link it hands over; the process may accept with it.
     */
    record Link(String invitationId, String email, String token) {}

    private static final int RING = 48;

    final String process;
    /** This incarnation: {@code <process>-<incarnation>}. */
    final String name;
    final Settings settings;
    final Journal journal;
    final Mailbox mailbox;
    final List<Population.Org> organizations;
    /** The organization the workload deletes and restores, if any. */
    final Optional<Population.Org> lifecycle;
    /** The two organizations where erasable users join and are erased, if any. */
    final List<Population.Org> erasure;
    final List<OwnedKey> keys = new CopyOnWriteArrayList<>();
    final List<Link> links = new CopyOnWriteArrayList<>();
    private volatile boolean running = true;

    private Worker(String process, String name, Settings settings, Journal journal,
            List<Population.Org> organizations) {
        this.process = process;
        this.name = name;
        this.settings = settings;
        this.journal = journal;
        this.mailbox = new Mailbox(settings.directory(), 2_000);
        this.organizations = organizations;
        this.lifecycle = Population.readLifecycle(settings.directory());
        this.erasure = Population.readErasure(settings.directory());
    }

    /** Entry point of a worker process. */
    public static void main(String[] args) throws Exception {
        String process = args[0];
        int incarnation = Integer.parseInt(args[1]);
        String run = args[2];
        Settings settings = Settings.parse(Arrays.copyOfRange(args, 3, args.length));
        Path dir = settings.directory();
        String name = process + "-" + incarnation;
        Database database = Database.of(settings.url(), run);
        try (Journal journal = Journal.open(dir.resolve(name + ".journal"));
                Journal box = Journal.open(Mailbox.fileOf(dir, name));
                HikariDataSource pool = database.pool(process, 4)) {
            journal.write("START", System.currentTimeMillis(), process, incarnation);
            var worker = new Worker(process, name, settings, journal, Population.read(dir));
            double failure = settings.mailFailure();
            OrgKit kit = OrgKit.builder()
                    .storage(storage(pool).withApiKeyCache(100_000, Duration.ofMillis(settings.cacheMillis())))
                    .mailer(mail -> {
                        ThreadLocalRandom random = ThreadLocalRandom.current();
                        pause(random.nextInt(2, 20));
                        if (random.nextDouble() < failure) {
                            journal.write("M", System.currentTimeMillis(), "fail", mail.messageId());
                            throw new IllegalStateException("simulated SMTP failure (the harness refuses a share of sends)");
                        }
                        Mailbox.deliver(box, mail);
                        journal.write("M", System.currentTimeMillis(), "ok", mail.messageId());
                    })
                    .deliveryBackoff(Duration.ofMillis(200), Duration.ofSeconds(2))
                    .deliveryMaxAttempts(100)
                    .deliveryLease(Duration.ofMillis(settings.leaseMillis()))
                    .build();
            kit.deliveries().startDispatcher(Duration.ofMillis(500));
            journal.write("READY", System.currentTimeMillis());
            worker.run(kit, new SplittableRandom(settings.seed() * 31 + name.hashCode()));
            kit.close();
            journal.write("END", System.currentTimeMillis());
        }
        System.exit(0);
    }

    /** The storage; detecting the database needs a connection, which the fault injector may end: retry for a minute. */
    private static JdbcStorage storage(HikariDataSource pool) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 60_000;
        while (true) {
            try {
                return JdbcStorage.create(pool);
            } catch (dev.orgkit.StorageException e) {
                if (System.currentTimeMillis() > deadline) {
                    throw e;
                }
                Thread.sleep(500);
            }
        }
    }

    private void run(OrgKit kit, SplittableRandom seed) throws InterruptedException {
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < settings.commandThreads(); i++) {
            var workload = new Workload(this, kit, seed.split(), i);
            threads.add(start("commands-" + i, workload::loop));
        }
        for (int i = 0; i < settings.verifyThreads(); i++) {
            SplittableRandom random = seed.split();
            threads.add(start("verify-" + i, () -> verifyLoop(kit, random)));
        }
        Thread flusher = start("flush", () -> flushLoop(kit));
        Thread reporter = start("report", this::reportLoop);
        Path stop = settings.directory().resolve("stop");
        while (!Files.exists(stop)) {
            Thread.sleep(100);
        }
        running = false;
        for (Thread thread : threads) {
            thread.join();
        }
        flusher.join();
        reporter.join();
        for (OwnedKey key : keys) {
            journal.write("U", System.currentTimeMillis(), key.keyId, key.valid.get(), key.lastValidStart.get());
        }
        // Every count must reach the database before a clean exit: retry through injected faults.
        long deadline = System.currentTimeMillis() + 60_000;
        while (!flushOnce(kit) && System.currentTimeMillis() < deadline) {
            Thread.sleep(200);
        }
    }

    boolean running() {
        return running;
    }

    void own(String keyId, String secret) {
        keys.add(new OwnedKey(keyId, secret));
    }

    private void verifyLoop(OrgKit kit, SplittableRandom random) {
        long pauseNanos = 1_000_000_000L / Math.max(1, settings.verifyPerSecond());
        long next = System.nanoTime();
        while (running) {
            next += pauseNanos;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                pause(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            List<OwnedKey> snapshot = keys;
            int size = snapshot.size();
            if (size == 0) {
                continue;
            }
            OwnedKey key = snapshot.get(size - 1 - random.nextInt(Math.min(size, RING)));
            long start = System.currentTimeMillis();
            try {
                KeyVerification v = kit.apiKeys().verify(key.secret);
                if (v.isValid()) {
                    key.valid.incrementAndGet();
                    key.lastValidStart.accumulateAndGet(start, Math::max);
                    key.dirty = true;
                }
            } catch (RuntimeException e) {
                journal.write("VE", System.currentTimeMillis(), e.getClass().getName());
            }
        }
    }

    private void reportLoop() {
        while (running) {
            pause(200);
            mailbox.poll();
            for (OwnedKey key : keys) {
                if (key.dirty) {
                    key.dirty = false;
                    journal.write("U", System.currentTimeMillis(), key.keyId, key.valid.get(), key.lastValidStart.get());
                }
            }
        }
    }

    private void flushLoop(OrgKit kit) {
        while (running) {
            pause(settings.flushMillis());
            flushOnce(kit);
        }
    }

    private boolean flushOnce(OrgKit kit) {
        long start = System.currentTimeMillis();
        try {
            long written = kit.apiKeys().flushUsage();
            journal.write("F", start, System.currentTimeMillis(), "ok", written);
            return true;
        } catch (RuntimeException e) {
            Throwable cause = e;
            while (cause.getCause() != null) {
                cause = cause.getCause();
            }
            journal.write("F", start, System.currentTimeMillis(), "fail", 0,
                    cause instanceof java.sql.SQLException sql ? sql.getSQLState() : cause.getClass().getSimpleName());
            return false;
        }
    }

    private static Thread start(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.start();
        return thread;
    }

    static void pause(long millis) {
        pause(millis, 0);
    }

    private static void pause(long millis, int nanos) {
        try {
            Thread.sleep(millis, nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
