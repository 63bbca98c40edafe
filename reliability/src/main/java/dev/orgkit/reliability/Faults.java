package dev.orgkit.reliability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The worker processes and the faults injected into them: {@code SIGKILL} of a worker (then a
 * restart as its next incarnation) at seeded moments, and database backends of the workers
 * terminated at random ({@code pg_terminate_backend}, MariaDB {@code KILL}).
 */
final class Faults implements AutoCloseable {
    private final Database database;
    private final Settings settings;
    private final Path dir;
    private final String runId;
    private final SplittableRandom random;
    private final Process[] workers;
    private final int[] incarnations;
    private final AtomicBoolean injecting = new AtomicBoolean(true);
    private final AtomicLong terminated = new AtomicLong();
    /** When each fault was injected ({@code faults.log}), to line up with the journals. */
    private final Journal log;

    Faults(Database database, Settings settings, Path dir, String runId, SplittableRandom random) {
        this.database = database;
        this.settings = settings;
        this.dir = dir;
        this.runId = runId;
        this.random = random;
        this.workers = new Process[settings.workers()];
        this.incarnations = new int[settings.workers()];
        this.log = Journal.open(dir.resolve("faults.log"));
    }

    /** Starts every worker and waits until each has built its kit (a JVM starts slowly on a busy machine). */
    void startWorkers() throws IOException, InterruptedException {
        for (int w = 0; w < workers.length; w++) {
            workers[w] = launch(w);
        }
        long deadline = System.currentTimeMillis() + 120_000;
        for (int w = 0; w < workers.length; w++) {
            Path journal = dir.resolve("w" + w + "-1.journal");
            while (!(Files.exists(journal) && Files.readString(journal).contains("READY\t"))) {
                if (!workers[w].isAlive() || System.currentTimeMillis() > deadline) {
                    throw new IllegalStateException("worker w" + w + " did not start; see " + dir.resolve("w" + w + "-1.out"));
                }
                TimeUnit.MILLISECONDS.sleep(100);
            }
        }
    }

    private Process launch(int w) throws IOException {
        incarnations[w]++;
        String process = "w" + w;
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC", "-Dorg.slf4j.simpleLogger.defaultLogLevel=error",
                "-cp", System.getProperty("java.class.path"),
                Worker.class.getName(), process, String.valueOf(incarnations[w]), runId));
        command.addAll(settings.toArgs());
        Path log = dir.resolve(process + "-" + incarnations[w] + ".out");
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /**
     * Lets the workers run for {@code duration} while injecting faults; returns each killed
     * incarnation with the time it was killed.
     */
    Map<String, Long> runFor(Duration duration, Report report) throws Exception {
        long start = System.currentTimeMillis();
        long end = start + duration.toMillis();
        List<Long> killAt = new ArrayList<>();
        for (int k = 0; k < settings.kills(); k++) {
            double slot = duration.toMillis() / (double) (settings.kills() + 1);
            killAt.add(start + (long) (slot * (k + 1) + (random.nextDouble() - 0.5) * slot * 0.5));
        }
        Thread terminator = new Thread(this::terminateBackends, "backend-terminator");
        if (settings.faultMillis() > 0) {
            terminator.start();
        }
        Map<String, Long> kills = new LinkedHashMap<>();
        for (long at : killAt) {
            TimeUnit.MILLISECONDS.sleep(Math.max(0, at - System.currentTimeMillis()));
            int victim = random.nextInt(workers.length);
            String name = "w" + victim + "-" + incarnations[victim];
            workers[victim].destroyForcibly().waitFor();
            kills.put(name, System.currentTimeMillis());
            log.write("SIGKILL", System.currentTimeMillis(), name);
            TimeUnit.MILLISECONDS.sleep(500);
            workers[victim] = launch(victim);
        }
        TimeUnit.MILLISECONDS.sleep(Math.max(0, end - System.currentTimeMillis()));
        injecting.set(false);
        if (terminator.isAlive() || settings.faultMillis() > 0) {
            terminator.join();
        }
        report.kills = kills.size();
        report.backendsTerminated = terminated.get();
        report.faults.put("processes killed with SIGKILL (and restarted)", kills.size() + " " + kills.keySet());
        report.faults.put("database backends terminated", String.valueOf(terminated.get()));
        return kills;
    }

    private void terminateBackends() {
        Connection admin = null;
        while (injecting.get()) {
            try {
                long pause = (long) (settings.faultMillis() * (0.2 + 1.6 * random.nextDouble()));
                TimeUnit.MILLISECONDS.sleep(pause);
                if (admin == null || admin.isClosed()) {
                    admin = database.admin();
                }
                List<Long> backends = database.workerBackends(admin);
                long backend = backends.isEmpty() ? -1 : backends.get(random.nextInt(backends.size()));
                if (backend >= 0 && injecting.get() && database.terminate(admin, backend)) {
                    terminated.incrementAndGet();
                    log.write("TERMINATED", System.currentTimeMillis(), backend);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (SQLException e) {
                admin = null;
            }
        }
        try {
            if (admin != null) {
                admin.close();
            }
        } catch (SQLException ignored) {
            // The fault injector's own connection; nothing to recover.
        }
    }

    /** Waits for every worker to stop after the stop file appeared; one that does not is killed and reported. */
    void awaitWorkers(Report report) throws InterruptedException {
        Report.Check check = report.check("every worker stopped within 2 minutes of being asked");
        for (int w = 0; w < workers.length; w++) {
            boolean stopped = workers[w].waitFor(2, TimeUnit.MINUTES);
            check.expect(stopped && workers[w].exitValue() == 0,
                    "w" + w + "-" + incarnations[w] + (stopped ? " exited with " + workers[w].exitValue() : " did not stop"));
        }
    }

    @Override
    public void close() {
        injecting.set(false);
        log.close();
        for (Process worker : workers) {
            if (worker != null && worker.isAlive()) {
                worker.destroyForcibly();
            }
        }
    }
}
