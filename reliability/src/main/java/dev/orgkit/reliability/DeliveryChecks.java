package dev.orgkit.reliability;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The invariants on what leaves orgkit asynchronously: invitation mails (none lost, including
 * those a killed process was sending), revocations (seen by every process within the cache's time
 * to live) and usage counts (exact, except what a killed process had not flushed yet).
 */
final class DeliveryChecks {
    private DeliveryChecks() {}

    /** Before the drain: every pending invitation's mail is sent, or due for another attempt. */
    static void mailSentOrDue(Snapshot db, Report report) {
        Report.Check check = report.check("every pending invitation's mail is sent or due (at the end of the load)");
        Set<String> links = db.linkInvitations();
        for (Snapshot.Invitation i : db.invitations) {
            if (i.status().equals("PENDING") && !links.contains(i.id())) {
                check.expect(Set.of("SENT", "PENDING", "FAILED").contains(i.delivery()),
                        i.id() + " is pending and its mail is " + i.delivery() + " after " + i.attempts() + " attempts");
            }
        }
    }

    static void run(Snapshot db, Journals journals, List<Mailbox.Mail> mails, Map<String, Long> kills,
            Settings settings, Report report) {
        mailSent(db, journals, mails, kills, report);
        revocations(journals, settings, report);
        usage(db, journals, kills, settings, report);
        Report.Check stopped = report.check("every process not killed stopped cleanly");
        for (Journals.Incarnation incarnation : journals.incarnations.values()) {
            stopped.expect(incarnation.ended || kills.containsKey(incarnation.name),
                    incarnation.name + " neither ended nor was killed");
        }
    }

    private static void mailSent(Snapshot db, Journals journals, List<Mailbox.Mail> mails, Map<String, Long> kills,
            Report report) {
        Report.Check drained = report.check("every pending invitation's mail is sent (after the drain)");
        Set<String> links = db.linkInvitations();
        for (Snapshot.Invitation i : db.invitations) {
            if (i.status().equals("PENDING") && !links.contains(i.id())) {
                drained.expect(i.delivery().equals("SENT"), i.id() + " is pending and its mail is " + i.delivery());
            }
        }
        linksHaveNoMail(db, links, mails, report);
        Set<String> delivered = new HashSet<>();
        mails.forEach(m -> delivered.add(m.messageId()));
        Set<String> recorded = new HashSet<>();
        Report.Check real = report.check("every mail recorded as sent reached the mailer");
        Map<String, Integer> sentEvents = new HashMap<>();
        for (Snapshot.Event e : db.events) {
            if (e.action().equals("INVITATION_MAIL_SENT")) {
                String messageId = e.details().get("messageId");
                recorded.add(messageId);
                sentEvents.merge(e.target(), 1, Integer::sum);
                real.expect(delivered.contains(messageId), "INVITATION_MAIL_SENT " + messageId + " is in no mailbox");
            }
        }
        for (Snapshot.Invitation i : db.invitations) {
            if (i.delivery().equals("SENT")) {
                real.expect(sentEvents.containsKey(i.id()), i.id() + " is SENT without an INVITATION_MAIL_SENT event");
            }
        }
        Set<String> killedMailboxes = new HashSet<>(kills.keySet());
        long unrecorded = mails.stream()
                .filter(m -> !recorded.contains(m.messageId()))
                .count();
        report.figures.put("mails delivered but not recorded as sent (the sender was killed, or its settle "
                + "transaction lost its connection; the delivery stayed due and was retried)", String.valueOf(unrecorded));
        report.figures.put("killed processes", String.valueOf(killedMailboxes.size()));
        long accepted = db.invitations.stream().filter(i -> i.status().equals("ACCEPTED")).count();
        report.figures.put("invitations accepted / still pending / total", accepted + " / "
                + db.invitations.stream().filter(i -> i.status().equals("PENDING")).count() + " / "
                + db.invitations.size());
    }

    /**
     * An invitation made with a link (and never resent) has no delivery row, no mail event and no
     * mail in any mailbox: orgkit sends nothing for it.
     */
    private static void linksHaveNoMail(Snapshot db, Set<String> links, List<Mailbox.Mail> mails, Report report) {
        Report.Check check = report.check("an invitation made with a link has no mail (unless resent)");
        Set<String> mailed = new HashSet<>();
        mails.forEach(m -> mailed.add(m.invitationId()));
        Set<String> mailEvents = new HashSet<>();
        db.events.stream().filter(e -> e.action().startsWith("INVITATION_MAIL_")).forEach(e -> mailEvents.add(e.target()));
        Map<String, String> delivery = new HashMap<>();
        db.invitations.forEach(i -> delivery.put(i.id(), i.delivery()));
        for (String id : links) {
            check.expect(delivery.getOrDefault(id, "NONE").equals("NONE") && !mailEvents.contains(id)
                    && !mailed.contains(id), id + " was invited with a link, yet its delivery is "
                    + delivery.getOrDefault(id, "NONE") + (mailEvents.contains(id) ? ", it has a mail event" : "")
                    + (mailed.contains(id) ? ", a mailbox holds its mail" : ""));
        }
    }

    /**
     * A key revoked by an acknowledged command never verifies VALID afterwards: at once in the
     * incarnation that revoked it, and after the cache's time to live in every other.
     */
    private static void revocations(Journals journals, Settings settings, Report report) {
        Report.Check check = report.check("a revoked key answers REVOKED: at once in its process, within "
                + settings.cacheMillis() + " ms in the others");
        long maxLag = Long.MIN_VALUE;
        for (Journals.Command c : journals.commands) {
            if (!c.kind().equals("KEY_REVOKE") || c.ending() != Journals.Ending.ACKNOWLEDGED) {
                continue;
            }
            String keyId = StateChecks.lastPart(c.key()).orElseThrow();
            for (Journals.Incarnation verifier : journals.incarnations.values()) {
                Journals.Usage usage = verifier.usage.get(keyId);
                if (usage == null || usage.valid() == 0) {
                    continue;
                }
                boolean self = verifier.name.equals(c.incarnation());
                long bound = self ? 0 : settings.cacheMillis();
                long lag = usage.lastValidStart() - c.endedAt();
                if (!self) {
                    maxLag = Math.max(maxLag, lag);
                }
                check.expect(lag <= bound, keyId + " revoked by " + c.incarnation() + " verified VALID in "
                        + verifier.name + " " + lag + " ms after the revocation returned (bound " + bound + " ms)");
            }
        }
        report.figures.put("latest VALID after a revocation, in another process (ms; bound " + settings.cacheMillis() + ")",
                maxLag == Long.MIN_VALUE ? "none verified" : String.valueOf(maxLag));
        deletions(journals, settings, report);
    }

    /**
     * Deleting an organization revokes its keys in the same transaction: every key whose creation was
     * acknowledged before the deletion returned (it committed before the deletion did, which locks the
     * organization) never verifies VALID afterwards, at once in the deleting process and within the
     * cache's time to live in the others, also after a restore (its keys stay revoked).
     */
    private static void deletions(Journals journals, Settings settings, Report report) {
        Report.Check check = report.check("a key of a deleted organization answers REVOKED: at once in its process, within "
                + settings.cacheMillis() + " ms in the others");
        for (Journals.Command delete : journals.commands) {
            if (!delete.kind().equals("DELETE_ORGANIZATION") || delete.ending() != Journals.Ending.ACKNOWLEDGED) {
                continue;
            }
            String org = delete.key().split("\\|")[1];
            for (Journals.Command create : journals.commands) {
                if (!create.kind().equals("KEY_CREATE") || create.ending() != Journals.Ending.ACKNOWLEDGED
                        || !create.key().split("\\|")[1].equals(org) || create.endedAt() >= delete.endedAt()) {
                    continue;
                }
                String keyId = create.detail();
                for (Journals.Incarnation verifier : journals.incarnations.values()) {
                    Journals.Usage usage = verifier.usage.get(keyId);
                    if (usage == null || usage.valid() == 0) {
                        continue;
                    }
                    long bound = verifier.name.equals(delete.incarnation()) ? 0 : settings.cacheMillis();
                    long lag = usage.lastValidStart() - delete.endedAt();
                    check.expect(lag <= bound, keyId + " of " + org + ", deleted by " + delete.incarnation()
                            + ", verified VALID in " + verifier.name + " " + lag + " ms after the deletion returned (bound "
                            + bound + " ms)");
                }
            }
        }
    }

    /**
     * Usage in the database equals the VALID verifications each process acknowledged, exactly for the
     * processes that stopped, whatever their flushes went through (a flush that failed, even one that
     * committed though its acknowledgement was lost, is retried with the same batch, which the storage
     * applies once); a killed process may lose only what it counted since its last successful flush
     * began, and never counts twice.
     */
    private static void usage(Snapshot db, Journals journals, Map<String, Long> kills, Settings settings,
            Report report) {
        Report.Check exact = report.check("usage of a process that stopped: exactly its VALID verifications");
        long failedFlushes = 0;
        Report.Check killed = report.check("a killed process lost at most what it counted since its last successful flush");
        Set<String> owned = new HashSet<>();
        long journaledKilled = 0;
        long flushedLowerBound = 0;
        long slack = 0;
        for (Journals.Incarnation incarnation : journals.incarnations.values()) {
            boolean clean = incarnation.ended;
            long lastFlush = incarnation.flushes.stream().filter(Journals.Flush::ok)
                    .mapToLong(Journals.Flush::start).max().orElse(Long.MIN_VALUE);
            for (Map.Entry<String, Journals.Usage> entry : incarnation.usage.entrySet()) {
                String keyId = entry.getKey();
                owned.add(keyId);
                long stored = db.usage.getOrDefault(keyId, 0L);
                if (clean) {
                    long valid = entry.getValue().valid();
                    exact.expect(stored == valid, keyId + " of " + incarnation.name
                            + ": " + stored + " stored, " + valid + " VALID verifications");
                } else {
                    journaledKilled += entry.getValue().valid();
                    flushedLowerBound += incarnation.usageHistory.get(keyId).stream()
                            .filter(u -> u.at() < lastFlush).mapToLong(Journals.Usage::valid).max().orElse(0);
                }
            }
            failedFlushes += incarnation.flushes.stream().filter(f -> !f.ok()).count();
            if (!clean) {
                // Verifications between its last usage line (every 200 ms) and the kill: flushed, not journaled.
                slack += (long) settings.verifyThreads() * settings.verifyPerSecond() / 2;
                Long killedAt = kills.get(incarnation.name);
                report.figures.put("last successful usage flush of " + incarnation.name + " before its kill (ms)",
                        killedAt == null || lastFlush == Long.MIN_VALUE ? "none" : String.valueOf(killedAt - lastFlush));
            }
        }
        long storedKilled = db.usage.entrySet().stream().filter(e -> !owned.contains(e.getKey()) || isKilled(e.getKey(),
                journals)).mapToLong(Map.Entry::getValue).sum();
        if (!kills.isEmpty()) {
            killed.expect(storedKilled >= flushedLowerBound, "killed processes: " + storedKilled
                    + " stored, but " + flushedLowerBound + " were counted before their last successful flush");
            killed.expect(storedKilled <= journaledKilled + slack, "killed processes: " + storedKilled
                    + " stored, more than the " + journaledKilled + " journaled (+" + slack + ")");
            report.figures.put("verifications lost by killed processes (journaled − stored)",
                    String.valueOf(journaledKilled - storedKilled));
        }
        report.figures.put("usage flushes that failed (each retried with the same batch)", String.valueOf(failedFlushes));
        long total = db.usage.values().stream().mapToLong(Long::longValue).sum();
        report.figures.put("VALID verifications stored", String.valueOf(total));
    }

    private static boolean isKilled(String keyId, Journals journals) {
        return journals.incarnations.values().stream()
                .anyMatch(i -> !i.ended && i.usage.containsKey(keyId));
    }
}
