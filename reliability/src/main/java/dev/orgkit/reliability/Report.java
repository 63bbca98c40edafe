package dev.orgkit.reliability;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The outcome of a run: commands per kind and how they ended, the faults injected, and each
 * invariant with how many things it checked and every violation found.
 */
final class Report {
    /** One invariant: what it checked and what broke it. */
    static final class Check {
        final String name;
        long checked;
        final List<String> violations = new ArrayList<>();

        Check(String name) {
            this.name = name;
        }

        void ok() {
            checked++;
        }

        void expect(boolean holds, String violation) {
            checked++;
            if (!holds) {
                violations.add(violation);
            }
        }
    }

    final String title;
    /** Faults injected, for tests that check the run really was hostile. */
    long kills;
    long backendsTerminated;
    long mailsRefused;
    final Map<String, long[]> commands = new TreeMap<>();
    final Map<String, String> faults = new LinkedHashMap<>();
    final Map<String, String> figures = new LinkedHashMap<>();
    final List<Check> checks = new ArrayList<>();

    Report(String title) {
        this.title = title;
    }

    Check check(String name) {
        var check = new Check(name);
        checks.add(check);
        return check;
    }

    /** Counts a command: columns acknowledged, refused, unknown (storage failed), in flight at a kill, unexpected. */
    void count(String kind, Journals.Ending ending) {
        commands.computeIfAbsent(kind, k -> new long[Journals.Ending.values().length])[ending.ordinal()]++;
    }

    long violations() {
        return checks.stream().mapToLong(c -> c.violations.size()).sum();
    }

    void print(PrintStream out) {
        out.println();
        out.println(title);
        out.println();
        out.println("| command | acknowledged | refused | storage failed | in flight at a kill | other exception |");
        out.println("|---|---:|---:|---:|---:|---:|");
        long[] total = new long[Journals.Ending.values().length];
        for (Map.Entry<String, long[]> row : commands.entrySet()) {
            long[] n = row.getValue();
            out.printf(Locale.ROOT, "| %s | %d | %d | %d | %d | %d |%n", row.getKey(), n[0], n[1], n[2], n[3], n[4]);
            for (int i = 0; i < n.length; i++) {
                total[i] += n[i];
            }
        }
        out.printf(Locale.ROOT, "| **total** | %d | %d | %d | %d | %d |%n", total[0], total[1], total[2], total[3],
                total[4]);
        out.println();
        out.println("| fault injected | count |");
        out.println("|---|---:|");
        faults.forEach((name, value) -> out.println("| " + name + " | " + value + " |"));
        out.println();
        out.println("| figure | value |");
        out.println("|---|---:|");
        figures.forEach((name, value) -> out.println("| " + name + " | " + value + " |"));
        out.println();
        out.println("| invariant | checked | violations |");
        out.println("|---|---:|---:|");
        for (Check check : checks) {
            out.printf(Locale.ROOT, "| %s | %d | %d |%n", check.name, check.checked, check.violations.size());
        }
        out.println();
        out.println("violations: " + violations());
        for (Check check : checks) {
            check.violations.stream().limit(20).forEach(v -> out.println("  ✗ " + check.name + ": " + v));
            if (check.violations.size() > 20) {
                out.println("  ... and " + (check.violations.size() - 20) + " more");
            }
        }
    }
}
