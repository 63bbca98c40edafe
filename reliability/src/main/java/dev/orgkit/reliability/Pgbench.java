package dev.orgkit.reliability;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs PostgreSQL's {@code pgbench} against the server and schema of a run, and reads its throughput. */
final class Pgbench {
    private static final Pattern URL = Pattern.compile("jdbc:postgresql://([^:/?]+)(?::(\\d+))?/([^?]+)(?:\\?(.*))?");
    private static final Pattern TPS = Pattern.compile("tps = ([0-9.]+) \\(without initial connection time\\)");

    private final List<String> connection = new ArrayList<>();
    private final String schema;
    private final String password;

    Pgbench(String jdbcUrl, String schema) {
        Matcher m = URL.matcher(jdbcUrl);
        if (!m.matches()) {
            throw new IllegalArgumentException("expected jdbc:postgresql://host[:port]/database?user=...: " + jdbcUrl);
        }
        String user = "postgres";
        String secret = "";
        if (m.group(4) != null) {
            for (String pair : m.group(4).split("&")) {
                String[] kv = pair.split("=", 2);
                if (kv[0].equals("user")) {
                    user = kv[1];
                } else if (kv[0].equals("password")) {
                    secret = kv[1];
                }
            }
        }
        connection.addAll(List.of("-h", m.group(1), "-p", m.group(2) == null ? "5432" : m.group(2), "-U", user));
        connection.add(m.group(3));
        this.schema = schema;
        this.password = secret;
    }

    /** {@code pgbench -i -s <scale>}: its tables, in the run's schema. */
    void initialize(int scale) throws IOException, InterruptedException {
        run(List.of("-i", "-q", "-s", String.valueOf(scale)));
    }

    /** {@code pgbench -S -M prepared}: transactions per second of the built-in select-only script. */
    double selectOnly(int clients, int seconds) throws IOException, InterruptedException {
        return tps(run(List.of("-n", "-S", "-M", "prepared", "-c", String.valueOf(clients), "-j",
                String.valueOf(clients), "-T", String.valueOf(seconds))));
    }

    /** Transactions (script runs) per second of {@code script}. */
    double script(String script, int clients, int seconds) throws IOException, InterruptedException {
        Path file = Files.createTempFile("orgkit-pgbench", ".sql");
        try {
            Files.writeString(file, script, StandardCharsets.UTF_8);
            return tps(run(List.of("-n", "-M", "prepared", "-f", file.toString(), "-c", String.valueOf(clients), "-j",
                    String.valueOf(clients), "-T", String.valueOf(seconds))));
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private String run(List<String> arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("pgbench"));
        command.addAll(arguments);
        command.addAll(connection);
        var builder = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.put("PGOPTIONS", "-c search_path=" + schema);
        if (!password.isEmpty()) {
            env.put("PGPASSWORD", password);
        }
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0 || output.contains("aborted")) {
            throw new IllegalStateException("pgbench failed: " + String.join(" ", arguments) + "\n" + output);
        }
        return output;
    }

    private static double tps(String output) {
        Matcher m = TPS.matcher(output);
        if (!m.find()) {
            throw new IllegalStateException("no throughput in pgbench's output:\n" + output);
        }
        return Double.parseDouble(m.group(1));
    }
}
