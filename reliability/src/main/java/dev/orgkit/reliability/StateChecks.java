package dev.orgkit.reliability;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The invariants on the organizations' state and on the audit trail: an admin always, no
 * duplicates, one event per acknowledged command and none per refused one, and a trail that
 * replays to the memberships the database holds.
 */
final class StateChecks {
    /** Commands acknowledged without an event when they change nothing (documented no-ops). */
    private static final Set<String> IDEMPOTENT = Set.of("CHANGE_ROLE", "KEY_REVOKE");

    private StateChecks() {}

    static void run(Snapshot db, Journals journals, Report report) {
        organizationsHaveAnAdmin(db, report);
        noDuplicates(db, report);
        oneEventPerAcknowledgedCommand(db, journals, report);
        trailReplaysToMemberships(db, report);
        seatsAndPendingInvitations(db, report);
        onlyOrgKitExceptions(journals, report);
        erasedAddressesAreGone(db, journals, report);
        Map<String, Long> seatRefusals = new TreeMap<>();
        journals.commands.stream().filter(c -> c.ending() == Journals.Ending.REFUSED
                && c.detail().equals("SEAT_LIMIT_REACHED")).forEach(c -> seatRefusals.merge(c.kind(), 1L, Long::sum));
        report.figures.put("commands (rows of INVITE_ALL) refused with SEAT_LIMIT_REACHED", seatRefusals.isEmpty()
                ? "none" : seatRefusals.toString().replace("{", "").replace("}", "").replace("=", " ×"));
    }

    private static void organizationsHaveAnAdmin(Snapshot db, Report report) {
        Report.Check check = report.check("every organization has an admin (now)");
        Set<String> withAdmin = new HashSet<>();
        db.members.stream().filter(m -> m.role().equals("ADMIN")).forEach(m -> withAdmin.add(m.account()));
        for (String org : db.organizations) {
            check.expect(withAdmin.contains(org), org + " has no admin");
        }
    }

    private static void noDuplicates(Snapshot db, Report report) {
        Report.Check memberships = report.check("one membership per (organization, user)");
        Set<String> seen = new HashSet<>();
        for (Snapshot.Member m : db.members) {
            memberships.expect(seen.add(m.account() + "/" + m.user()), m.user() + " is a member of " + m.account() + " twice");
        }
        Report.Check pending = report.check("one pending invitation per (organization, email), none for a member");
        Set<String> pendingKeys = new HashSet<>();
        Set<String> memberEmails = new HashSet<>();
        db.members.forEach(m -> memberEmails.add(m.account() + "/" + m.email()));
        for (Snapshot.Invitation i : db.invitations) {
            if (i.status().equals("PENDING")) {
                String key = i.account() + "/" + i.email();
                pending.expect(pendingKeys.add(key), i.email() + " has two pending invitations to " + i.account());
                pending.expect(!memberEmails.contains(key), i.email() + " is a member of " + i.account()
                        + " and has a pending invitation " + i.id());
            }
        }
    }

    /**
     * For each audit key: acknowledged ≤ events ≤ acknowledged + unknown outcomes. A refused command
     * adds nothing to the upper bound, so an event it wrote breaks it. A role change to the role the
     * member already has is acknowledged without an event (a no-op), so role changes count as unknown;
     * the replay below proves those events anyway. Revoking a revoked key is likewise acknowledged
     * without an event (two processes revoking one key at once write one event): revocations count as
     * unknown here, and a key's revocation is checked to have exactly one event below.
     */
    private static void oneEventPerAcknowledgedCommand(Snapshot db, Journals journals, Report report) {
        Report.Check check = report.check("one audit event per acknowledged command, none per refused one");
        // Per key: acknowledged, acknowledged no-ops possible, refused, storage failed, in flight at a kill.
        Map<String, long[]> expected = new TreeMap<>();
        Map<String, String> pseudonyms = pseudonymsOfErasables(journals);
        for (Journals.Command c : journals.commands) {
            report.count(c.kind(), c.ending());
            long[] b = expected.computeIfAbsent(erasableNamed(c.key(), pseudonyms), k -> new long[5]);
            // Most commands write one event; an erasure one per account the user leaves (maybe none).
            switch (c.ending()) {
                case ACKNOWLEDGED -> b[IDEMPOTENT.contains(c.kind()) ? 1 : 0] += c.events();
                case UNEXPECTED -> b[1] += c.events();
                case REFUSED -> b[2]++;
                case UNKNOWN -> b[3] += c.events();
                case IN_FLIGHT -> b[4] += c.events();
            }
        }
        Map<String, Long> actual = new HashMap<>();
        for (Snapshot.Event e : db.events) {
            AuditKeys.ofEvent(e.action(), e.account(), e.actor(), e.target(), e.details())
                    .ifPresent(key -> actual.merge(erasableNamed(key, pseudonyms), 1L, Long::sum));
        }
        long failedButCommitted = 0;
        long killedButCommitted = 0;
        Set<String> keys = new TreeSet<>(expected.keySet());
        keys.addAll(actual.keySet());
        for (String key : keys) {
            long[] b = expected.getOrDefault(key, new long[5]);
            long n = actual.getOrDefault(key, 0L);
            long unknown = b[1] + b[3] + b[4];
            check.expect(n >= b[0] && n <= b[0] + unknown, key + ": " + n + " event(s) for " + b[0]
                    + " acknowledged, " + unknown + " unknown and " + b[2] + " refused command(s)"
                    + (key.startsWith("USER_ERASED|") ? " (counted in the events each erasure expects)" : ""));
            if (b[1] == 0 && n > b[0]) {
                long extra = Math.min(n - b[0], b[3] + b[4]);
                long killed = Math.min(extra, b[4]);
                killedButCommitted += killed;
                failedButCommitted += extra - killed;
            }
        }
        report.figures.put("commands in flight at a kill that had committed", String.valueOf(killedButCommitted));
        report.figures.put("commands that failed with StorageException yet had committed (at most)",
                String.valueOf(failedButCommitted));
        Map<String, Long> failures = new TreeMap<>();
        journals.commands.stream().filter(c -> c.ending() == Journals.Ending.UNKNOWN)
                .forEach(c -> failures.merge(c.kind() + " " + c.detail(), 1L, Long::sum));
        report.figures.put("storage failures (command, root cause:SQLState)", failures.isEmpty() ? "none"
                : failures.toString().replace("{", "").replace("}", "").replace("=", " ×"));
        oneEventPerRevokedKey(db, journals, report);
    }

    /**
     * The pseudonym of every erasable user (companions included) the journals name, to the user:
     * {@code erased-<the first 16 hex digits of SHA-256(user id)>@erased.invalid}, computed here as
     * the lifecycle guide documents it, not by orgkit's code.
     */
    static Map<String, String> pseudonymsOfErasables(Journals journals) {
        Map<String, String> pseudonyms = new HashMap<>();
        try {
            var sha256 = MessageDigest.getInstance("SHA-256");
            for (Journals.Command c : journals.commands) {
                for (String part : c.key().split("\\|")) {
                    Population.erasableOf(part).ifPresent(user -> pseudonyms.computeIfAbsent(
                            "erased-" + HexFormat.of().formatHex(
                                    sha256.digest(user.getBytes(StandardCharsets.UTF_8)), 0, 8)
                                    + "@erased.invalid", p -> user));
                }
            }
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        return pseudonyms;
    }

    /**
     * An audit key with each address of an erasable user, or its pseudonym, replaced by
     * {@code erasable:<user id>}: an erasure rewrites the addresses in the events the user's earlier
     * commands wrote (an invitation names its invitee's address), so a journaled key and its event's
     * key agree only up to that. That the addresses are gone is the erasure invariant's to prove; a
     * pseudonym of no known user stays as it is, and its event then matches no command.
     */
    static String erasableNamed(String key, Map<String, String> pseudonyms) {
        if (!key.contains("@")) {
            return key;
        }
        String[] parts = key.split("\\|", -1);
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            String user = pseudonyms.get(part);
            if (user == null && part.contains("@")) {
                user = Population.erasableOf(part).orElse(null);
            }
            if (user != null) {
                parts[i] = "erasable:" + user;
            }
        }
        return String.join("|", parts);
    }

    private static void oneEventPerRevokedKey(Snapshot db, Journals journals, Report report) {
        Report.Check check = report.check("a key revoked by an acknowledged command has exactly one revocation event");
        Map<String, Long> events = new HashMap<>();
        db.events.stream().filter(e -> e.action().equals("API_KEY_REVOKED"))
                .forEach(e -> events.merge(e.target(), 1L, Long::sum));
        Set<String> acknowledged = new TreeSet<>();
        journals.commands.stream()
                .filter(c -> c.kind().equals("KEY_REVOKE") && c.ending() == Journals.Ending.ACKNOWLEDGED)
                .forEach(c -> acknowledged.add(lastPart(c.key()).orElseThrow()));
        Set<String> keys = new TreeSet<>(acknowledged);
        keys.addAll(events.keySet());
        for (String key : keys) {
            long n = events.getOrDefault(key, 0L);
            check.expect(n <= 1 && (n == 1 || !acknowledged.contains(key)),
                    key + ": " + n + " API_KEY_REVOKED events" + (acknowledged.contains(key) ? ", revoked by an acknowledged command" : ""));
        }
    }

    /**
     * Replays each organization's trail in order (creation, accepted invitations, role changes,
     * removals, leaves, approved support requests) and checks that it never leaves the organization
     * without an admin and that it ends with exactly the memberships the database holds.
     */
    private static void trailReplaysToMemberships(Snapshot db, Report report) {
        Report.Check always = report.check("every organization has an admin after every event of its trail");
        Report.Check replay = report.check("the audit trail replays to the memberships");
        Map<String, Map<String, String>> state = new TreeMap<>();
        for (Snapshot.Event e : db.events) {
            Map<String, String> roles = state.computeIfAbsent(e.account(), k -> new TreeMap<>());
            boolean changed = replayMembership(roles, e);
            if (changed && db.organizations.contains(e.account())) {
                always.expect(roles.containsValue("ADMIN"), e.account() + " had no admin after event " + e.id()
                        + " (" + e.action() + ")");
            }
        }
        Map<String, Map<String, String>> stored = new TreeMap<>();
        for (Snapshot.Member m : db.members) {
            stored.computeIfAbsent(m.account(), k -> new TreeMap<>()).put(m.user(), m.role());
        }
        for (String org : db.organizations) {
            Map<String, String> replayed = state.getOrDefault(org, Map.of());
            Map<String, String> held = stored.getOrDefault(org, Map.of());
            replay.expect(replayed.equals(held), org + ": the trail gives " + replayed + ", the table holds " + held);
        }
    }

    /** Applies one event of a trail to the organization's roles; whether it changed a membership. */
    private static boolean replayMembership(Map<String, String> roles, Snapshot.Event e) {
        Map<String, String> d = e.details();
        switch (e.action()) {
            case "ORGANIZATION_CREATED" -> roles.put(d.get("admin"), "ADMIN");
            case "INVITATION_ACCEPTED" -> roles.put(e.target(), d.get("role"));
            case "MEMBER_ROLE_CHANGED" -> roles.put(e.target(), d.get("role.after"));
            case "MEMBER_REMOVED", "MEMBER_LEFT", "USER_ERASED" -> roles.remove(e.target());
            case "SUPPORT_REQUEST_APPROVED" -> {
                if ("REMOVE_ADMIN".equals(d.get("supportAction"))) {
                    roles.remove(e.target());
                } else {
                    roles.put(e.target(), "MEMBER");
                }
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    /** One organization as the seat replay follows it: members, pending invitations, the plan's seats. */
    private static final class Seats {
        final Map<String, String> roles = new TreeMap<>();
        final Set<String> pending = new TreeSet<>();
        /** The seats in force; {@code Integer.MAX_VALUE} without a limit. */
        int limit = Integer.MAX_VALUE;
        boolean deleted;

        long used() {
            return roles.size() + pending.size();
        }
    }

    /**
     * Replays each organization's trail with its {@code PLAN_ASSIGNED} events (R14): no
     * {@code MEMBER_INVITED} may leave it using more seats (members plus pending invitations) than its
     * plan has, and no {@code INVITATION_ACCEPTED} may happen while it does (lowering a plan below
     * what is used is allowed; it only stops new invitations and acceptances). Events of one
     * millisecond are taken together, because their order within it is not the commit order across
     * processes: the condition is checked after each such instant, against the largest limit in force
     * during it. The same replay must end with exactly the pending invitations the database holds.
     * (Invitations expire after days; a run lasts minutes, so the trail's pending ones are unexpired.)
     */
    private static void seatsAndPendingInvitations(Snapshot db, Report report) {
        Report.Check seats = report.check("no invitation or acceptance made an organization use more seats than its plan had");
        Report.Check pendingReplay = report.check("the audit trail replays to the pending invitations");
        Report.Check whileDeleted = report.check(
                "nothing is invited, accepted or keyed into a deleted organization (until it is restored)");
        Map<String, Seats> orgs = new TreeMap<>();
        List<Snapshot.Event> instant = new ArrayList<>();
        for (Snapshot.Event e : db.events) {
            if (!instant.isEmpty() && (!instant.get(0).account().equals(e.account()) || instant.get(0).at() != e.at())) {
                replayInstant(orgs, instant, seats, whileDeleted);
                instant.clear();
            }
            instant.add(e);
        }
        if (!instant.isEmpty()) {
            replayInstant(orgs, instant, seats, whileDeleted);
        }
        Map<String, Set<String>> held = new TreeMap<>();
        db.invitations.stream().filter(i -> i.status().equals("PENDING"))
                .forEach(i -> held.computeIfAbsent(i.account(), k -> new TreeSet<>()).add(i.id()));
        for (String org : db.organizations) {
            Set<String> replayed = orgs.containsKey(org) ? orgs.get(org).pending : Set.of();
            Set<String> stored = held.getOrDefault(org, Set.of());
            pendingReplay.expect(replayed.equals(stored), org + ": the trail leaves pending " + replayed
                    + ", the table holds " + stored);
        }
    }

    private static void replayInstant(Map<String, Seats> orgs, List<Snapshot.Event> instant, Report.Check check,
            Report.Check whileDeleted) {
        Seats org = orgs.computeIfAbsent(instant.get(0).account(), k -> new Seats());
        int largest = org.limit;
        boolean seatTaken = false;
        // Deleted before this instant and not restored during it: nothing may join it or get a key.
        boolean deletedThroughout = org.deleted
                && instant.stream().noneMatch(e -> e.action().equals("ORGANIZATION_RESTORED"));
        for (Snapshot.Event e : instant) {
            if (Set.of("MEMBER_INVITED", "INVITATION_ACCEPTED", "API_KEY_CREATED", "API_KEY_ROLLED")
                    .contains(e.action())) {
                whileDeleted.expect(!deletedThroughout, e.account() + " was deleted, yet event " + e.id() + " ("
                        + e.action() + ") happened before it was restored");
            }
            Map<String, String> d = e.details();
            replayMembership(org.roles, e);
            switch (e.action()) {
                case "PLAN_ASSIGNED" -> {
                    String value = d.getOrDefault("seats", "unlimited");
                    org.limit = value.equals("unlimited") ? Integer.MAX_VALUE : Integer.parseInt(value);
                    largest = Math.max(largest, org.limit);
                }
                case "MEMBER_INVITED" -> {
                    if (d.containsKey("replaces")) {
                        org.pending.remove(d.get("replaces"));
                    }
                    org.pending.add(e.target());
                    seatTaken = true;
                }
                case "INVITATION_ACCEPTED" -> {
                    org.pending.remove(d.get("invitation"));
                    seatTaken = true;
                }
                case "INVITATION_DECLINED", "INVITATION_REVOKED" -> org.pending.remove(e.target());
                case "ORGANIZATION_DELETED" -> {
                    // The deletion revokes every pending invitation, in its transaction.
                    org.pending.clear();
                    org.deleted = true;
                }
                case "ORGANIZATION_RESTORED" -> org.deleted = false;
                default -> { }
            }
        }
        if (seatTaken && largest != Integer.MAX_VALUE) {
            Snapshot.Event last = instant.get(instant.size() - 1);
            check.expect(org.used() <= largest, last.account() + " used " + org.used() + " seats ("
                    + org.roles.size() + " members, " + org.pending.size() + " pending) of " + largest
                    + " after event " + last.id() + " (" + last.action() + ")");
        }
    }

    /**
     * After an acknowledged erasure, the user's addresses (their own and their work address, of a
     * current or an ended membership) are in no column of any row of any orgkit table, in any case,
     * as they are or URL-encoded (audit details): read from {@link Snapshot#mentions}, every value that
     * names the erasable users' domain. A user is judged by their commands in journal order (one
     * thread runs them all): erased after an acknowledged {@code ERASE_USER}; no longer after any later
     * command naming them that may have committed (an invitation again, its acceptance), until an
     * acknowledged erasure again. An erasure whose outcome is unknown proves nothing either way: the
     * state stays what it was (the workload abandons the user then).
     */
    private static void erasedAddressesAreGone(Snapshot db, Journals journals, Report report) {
        Report.Check check = report.check("an erased user's addresses are in no orgkit table (unless invited again)");
        Map<String, Boolean> erased = new TreeMap<>();
        long acknowledged = 0;
        long expectedEvents = 0;
        long repeated = 0;
        long invitedAgain = 0;
        Map<String, Long> refusals = new TreeMap<>();
        for (Journals.Command c : journals.commands) {
            if (c.kind().equals("ERASE_USER")) {
                String user = lastPart(c.key()).orElseThrow();
                if (c.ending() == Journals.Ending.ACKNOWLEDGED) {
                    acknowledged++;
                    expectedEvents += c.events();
                    repeated += c.events() == 0 ? 1 : 0;
                    erased.put(user, true);
                } else if (c.ending() == Journals.Ending.REFUSED) {
                    refusals.merge(c.detail(), 1L, Long::sum);
                }
                continue;
            }
            if (c.ending() == Journals.Ending.REFUSED) {
                continue;
            }
            Set<String> named = new TreeSet<>();
            for (String part : c.key().split("\\|")) {
                Population.erasableOf(part).ifPresent(named::add);
            }
            for (String user : named) {
                if (Boolean.TRUE.equals(erased.put(user, false)) && c.kind().equals("INVITE_WITH_LINK")) {
                    invitedAgain++;
                }
            }
        }
        report.figures.put("ERASE_USER acknowledged (USER_ERASED events expected; of them repeated on an erased user, "
                + "expecting none) / refused", acknowledged + " (" + expectedEvents + "; " + repeated + ") / "
                + (refusals.isEmpty() ? "0" : refusals.toString().replace("{", "").replace("}", "").replace("=", " ×")));
        report.figures.put("erased users invited again afterwards (then joined and erased once more, if acknowledged)",
                String.valueOf(invitedAgain));
        report.figures.put("values in orgkit tables that name the erasable users' domain (users not erased, "
                + "companions, users invited again)", String.valueOf(db.mentions.size()));
        for (Map.Entry<String, Boolean> user : erased.entrySet()) {
            if (!user.getValue()) {
                continue;
            }
            for (String address : Population.addressesOfErasable(user.getKey())) {
                List<String> forms = List.of(address.toLowerCase(Locale.ROOT),
                        URLEncoder.encode(address, StandardCharsets.UTF_8)
                                .toLowerCase(Locale.ROOT));
                List<Snapshot.Mention> found = db.mentions.stream()
                        .filter(m -> forms.stream().anyMatch(m.value().toLowerCase(Locale.ROOT)::contains))
                        .toList();
                check.expect(found.isEmpty(), user.getKey() + " was erased, yet " + address + " is in "
                        + found.stream().limit(5).map(m -> m.table() + "." + m.column() + " = " + m.value()).toList()
                        + (found.size() > 5 ? " and " + (found.size() - 5) + " more" : ""));
            }
        }
    }

    private static void onlyOrgKitExceptions(Journals journals, Report report) {
        Report.Check check = report.check("commands fail only with orgkit's exceptions");
        for (Journals.Command c : journals.commands) {
            check.expect(c.ending() != Journals.Ending.UNEXPECTED,
                    c.incarnation() + " " + c.kind() + " threw " + c.detail());
        }
    }

    static Optional<String> lastPart(String key) {
        List<String> parts = List.of(key.split("\\|"));
        return parts.isEmpty() ? Optional.empty() : Optional.of(parts.get(parts.size() - 1));
    }
}
