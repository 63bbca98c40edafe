package dev.orgkit.reliability;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a run does, from {@code --name=value} arguments; the harness passes the same settings to
 * every worker it starts.
 *
 * @param url the JDBC URL of the server (a schema or database of the run's own is made on it)
 * @param seconds how long the workload runs
 * @param workers how many worker processes
 * @param seed the seed of every random choice (each worker derives its own)
 * @param organizations how many shared organizations
 * @param users how many users the workload acts as
 * @param commandThreads threads running commands in each worker
 * @param verifyThreads threads verifying API keys in each worker
 * @param verifyPerSecond verifications per second per verify thread
 * @param cacheMillis the time to live of each worker's API key cache: the revocation bound
 * @param flushMillis each worker's usage flush interval
 * @param mailFailure the share of sends the mailer refuses
 * @param kills how many times a worker is killed with SIGKILL and restarted
 * @param faultMillis the mean pause between two terminated database backends (0: none)
 * @param leaseMillis how long a delivery attempt holds its claim
 * @param directory where journals, mailboxes and worker logs go
 * @param keep keep the run's schema or database afterwards
 */
record Settings(String url, int seconds, int workers, long seed, int organizations, int users,
        int commandThreads, int verifyThreads, int verifyPerSecond, long cacheMillis, long flushMillis,
        double mailFailure, int kills, long faultMillis, long leaseMillis, Path directory, boolean keep) {

    static Settings parse(String... args) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String arg : args) {
            if (!arg.startsWith("--") || !arg.contains("=")) {
                throw new IllegalArgumentException("expected --name=value, got " + arg);
            }
            values.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
        }
        var s = new Settings(
                values.getOrDefault("url", "jdbc:postgresql://127.0.0.1:5432/test?user=postgres"),
                Integer.parseInt(values.getOrDefault("seconds", "60")),
                Integer.parseInt(values.getOrDefault("workers", "3")),
                Long.parseLong(values.getOrDefault("seed", String.valueOf(System.nanoTime() & 0xffffffffL))),
                Integer.parseInt(values.getOrDefault("organizations", "6")),
                Integer.parseInt(values.getOrDefault("users", "24")),
                Integer.parseInt(values.getOrDefault("commandThreads", "2")),
                Integer.parseInt(values.getOrDefault("verifyThreads", "2")),
                Integer.parseInt(values.getOrDefault("verifyPerSecond", "200")),
                Long.parseLong(values.getOrDefault("cacheMillis", "2000")),
                Long.parseLong(values.getOrDefault("flushMillis", "1000")),
                Double.parseDouble(values.getOrDefault("mailFailure", "0.3")),
                Integer.parseInt(values.getOrDefault("kills", "1")),
                Long.parseLong(values.getOrDefault("faultMillis", "1500")),
                Long.parseLong(values.getOrDefault("leaseMillis", "5000")),
                Path.of(values.getOrDefault("dir", "target/reliability")),
                Boolean.parseBoolean(values.getOrDefault("keep", "false")));
        s.validate();
        return s;
    }

    private void validate() {
        List<String> problems = new ArrayList<>();
        if (seconds < 5) {
            problems.add("seconds must be at least 5");
        }
        if (workers < 2) {
            problems.add("workers must be at least 2 (a revocation must reach another process)");
        }
        if (organizations < 1 || users < organizations + 2) {
            problems.add("need at least one organization and two more users than organizations");
        }
        if (mailFailure < 0 || mailFailure >= 1) {
            problems.add("mailFailure must be in [0, 1)");
        }
        if (cacheMillis < 1 || flushMillis < 100) {
            problems.add("cacheMillis must be positive and flushMillis at least 100");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
    }

    /** The arguments that give a worker these settings. */
    List<String> toArgs() {
        return List.of("--url=" + url, "--seconds=" + seconds, "--workers=" + workers, "--seed=" + seed,
                "--organizations=" + organizations, "--users=" + users, "--commandThreads=" + commandThreads,
                "--verifyThreads=" + verifyThreads, "--verifyPerSecond=" + verifyPerSecond,
                "--cacheMillis=" + cacheMillis, "--flushMillis=" + flushMillis, "--mailFailure=" + mailFailure,
                "--kills=" + kills, "--faultMillis=" + faultMillis, "--leaseMillis=" + leaseMillis,
                "--dir=" + directory, "--keep=" + keep);
    }
}
