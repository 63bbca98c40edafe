package dev.orgkit.reliability;

import dev.orgkit.Principal;
import dev.orgkit.UserPrincipal;
import dev.orgkit.account.AccountId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Who the workload acts as: users {@code u00, u01, ...} with verified emails
 * {@code u00@rel.example, ...}, and the shared organizations the harness created before the
 * workers started ({@code organizations.tsv} in the run directory).
 */
final class Population {
    /** A shared organization: its id and account name (typed to leave it). */
    record Org(AccountId id, String name) {}

    private static final String FILE = "organizations.tsv";
    private static final String LIFECYCLE_FILE = "lifecycle.tsv";
    private static final String ERASURE_FILE = "erasure.tsv";
    private static final String DOMAIN = "@rel.example";
    /**
     * The domain of the users the workload erases (and of their companions): no other address of a
     * run mentions it, so the checker looks for erased addresses only among the values that do.
     */
    static final String ERASABLE_DOMAIN = "erase.rel.example";

    private Population() {}

    static UserPrincipal user(int index) {
        String id = String.format(Locale.ROOT, "u%02d", index);
        return Principal.user(id, id + DOMAIN);
    }

    /** The user whose verified email is {@code email}. */
    static UserPrincipal userOf(String email) {
        String id = email.substring(0, email.indexOf('@'));
        return Principal.user(id, email);
    }

    static void write(Path directory, List<Org> organizations) {
        var lines = new ArrayList<String>();
        for (Org org : organizations) {
            lines.add(org.id().value() + "\t" + org.name());
        }
        try {
            Files.write(directory.resolve(FILE), lines, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The founder of the organization that is deleted and restored: {@code u<users>}, outside the
     * range of users the workload invites anywhere, so that it stays the sole admin (R13).
     */
    static UserPrincipal lifecycleFounder(int users) {
        return user(users);
    }

    /**
     * The founder of the two organizations apart where erasable users join and are erased:
     * {@code u<users+1>}, whom the workload invites nowhere, so that it stays their sole admin.
     */
    static UserPrincipal erasureFounder(int users) {
        return user(users + 1);
    }

    /**
     * An erasable user under their own address {@code <id>@erase.rel.example}. The ids are unique per
     * command thread of a process incarnation ({@code x-<process>-<incarnation>-<thread>-<n>}), so a
     * restarted process never inherits one whose state it does not know.
     */
    static UserPrincipal erasable(String id) {
        return Principal.user(id, id + "@" + ERASABLE_DOMAIN);
    }

    /** The same user under a second address, {@code <id>.work@erase.rel.example} (another membership). */
    static UserPrincipal erasableAtWork(String id) {
        return Principal.user(id, id + ".work@" + ERASABLE_DOMAIN);
    }

    /** Every address the workload gives the erasable user {@code id}. */
    static List<String> addressesOfErasable(String id) {
        return List.of(erasable(id).verifiedEmail().value(), erasableAtWork(id).verifiedEmail().value());
    }

    /** The erasable user an address or user id names, if it is one of theirs. */
    static Optional<String> erasableOf(String part) {
        String id = part;
        if (part.endsWith("@" + ERASABLE_DOMAIN)) {
            id = part.substring(0, part.length() - ERASABLE_DOMAIN.length() - 1);
            id = id.endsWith(".work") ? id.substring(0, id.length() - ".work".length()) : id;
        } else if (part.contains("@")) {
            return Optional.empty();
        }
        return id.startsWith("x-") ? Optional.of(id) : Optional.empty();
    }

    static void writeErasure(Path directory, List<Org> organizations) {
        var lines = new ArrayList<String>();
        for (Org org : organizations) {
            lines.add(org.id().value() + "\t" + org.name());
        }
        try {
            Files.write(directory.resolve(ERASURE_FILE), lines, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The organizations where erasable users join (empty if the run has none). */
    static List<Org> readErasure(Path directory) {
        return Files.exists(directory.resolve(ERASURE_FILE)) ? read(directory, ERASURE_FILE) : List.of();
    }

    static void writeLifecycle(Path directory, Org org) {
        try {
            Files.writeString(directory.resolve(LIFECYCLE_FILE), org.id().value() + "\t" + org.name() + "\n",
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The organization dedicated to deletion and restore, if the run has one. */
    static Optional<Org> readLifecycle(Path directory) {
        Path file = directory.resolve(LIFECYCLE_FILE);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            String[] f = Files.readString(file, StandardCharsets.UTF_8).trim().split("\t");
            return Optional.of(new Org(AccountId.of(f[0]), f[1]));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Org> read(Path directory) {
        return read(directory, FILE);
    }

    private static List<Org> read(Path directory, String file) {
        try {
            var organizations = new ArrayList<Org>();
            for (String line : Files.readAllLines(directory.resolve(file), StandardCharsets.UTF_8)) {
                String[] f = line.split("\t");
                organizations.add(new Org(AccountId.of(f[0]), f[1]));
            }
            return List.copyOf(organizations);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
