package dev.orgkit.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the processes of a run wrote in their journals ({@code <process>-<incarnation>.journal}),
 * read back for the checker: every command and how it ended, mail attempts, usage counts and flushes.
 */
final class Journals {
    /** How a command ended, as its client saw it. */
    enum Ending { ACKNOWLEDGED, REFUSED, UNKNOWN, IN_FLIGHT, UNEXPECTED }

    /**
     * One command: which incarnation ran it, its kind, audit key, ending, and how many events with
     * that key it writes when it commits (1 unless its {@code C} line says otherwise).
     */
    record Command(String incarnation, String kind, String key, Ending ending, long endedAt, String detail,
            int events) {}

    /** The last usage line of a key in one incarnation: VALID verifications and the latest start of one. */
    record Usage(long at, long valid, long lastValidStart) {}

    /** One usage flush: when it started, and whether it wrote. */
    record Flush(long start, boolean ok) {}

    /** What one incarnation of a process journaled. */
    static final class Incarnation {
        final String name;
        boolean ended;
        final Map<String, Usage> usage = new LinkedHashMap<>();
        /** Per key, the usage lines in order: for the bound on a killed process's loss. */
        final Map<String, List<Usage>> usageHistory = new HashMap<>();
        final List<Flush> flushes = new ArrayList<>();
        int mailsSent;
        int mailsRefused;
        int verifyErrors;

        Incarnation(String name) {
            this.name = name;
        }
    }

    final List<Command> commands = new ArrayList<>();
    final Map<String, Incarnation> incarnations = new TreeMap<>();

    static Journals read(Path directory) {
        var journals = new Journals();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*.journal")) {
            for (Path file : files) {
                String name = file.getFileName().toString().replace(".journal", "");
                String text = Files.readString(file, StandardCharsets.UTF_8);
                // A line cut short by a SIGKILL has no line break: it was never written, as far as anyone knows.
                int end = text.lastIndexOf('\n');
                journals.readOne(name, end < 0 ? List.of() : List.of(text.substring(0, end).split("\n", -1)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return journals;
    }

    private void readOne(String name, List<String> lines) {
        var incarnation = new Incarnation(name);
        incarnations.put(name, incarnation);
        Map<String, String[]> started = new LinkedHashMap<>();
        for (String line : lines) {
            if (line.isEmpty()) {
                continue;
            }
            String[] f = line.split("\t", -1);
            switch (f[0]) {
                case "C" -> started.put(f[1], f);
                case "A", "R", "X", "E" -> {
                    String[] c = started.remove(f[1]);
                    Ending ending = switch (f[0]) {
                        case "A" -> Ending.ACKNOWLEDGED;
                        case "R" -> Ending.REFUSED;
                        case "X" -> Ending.UNKNOWN;
                        default -> Ending.UNEXPECTED;
                    };
                    commands.add(new Command(name, c[3], c[4], ending, Long.parseLong(f[2]), f.length > 3 ? f[3] : "",
                            events(c)));
                }
                case "U" -> {
                    var usage = new Usage(Long.parseLong(f[1]), Long.parseLong(f[3]), Long.parseLong(f[4]));
                    incarnation.usage.put(f[2], usage);
                    incarnation.usageHistory.computeIfAbsent(f[2], k -> new ArrayList<>()).add(usage);
                }
                case "F" -> incarnation.flushes.add(new Flush(Long.parseLong(f[1]), f[3].equals("ok")));
                case "M" -> {
                    if (f[2].equals("ok")) {
                        incarnation.mailsSent++;
                    } else {
                        incarnation.mailsRefused++;
                    }
                }
                case "VE" -> incarnation.verifyErrors++;
                case "END" -> incarnation.ended = true;
                default -> { }
            }
        }
        for (String[] c : started.values()) {
            commands.add(new Command(name, c[3], c[4], Ending.IN_FLIGHT, Long.parseLong(c[2]), "", events(c)));
        }
    }

    /** The events a command's {@code C} line says it writes with its key when it commits. */
    private static int events(String[] started) {
        return started.length > 5 ? Integer.parseInt(started[5]) : 1;
    }
}
