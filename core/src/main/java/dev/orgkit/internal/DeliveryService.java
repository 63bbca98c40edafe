package dev.orgkit.internal;

import dev.orgkit.account.AccountId;
import dev.orgkit.audit.Actor;
import dev.orgkit.audit.AuditAction;
import dev.orgkit.delivery.BackgroundDispatcher;
import dev.orgkit.delivery.Deliveries;
import dev.orgkit.delivery.DeliveryBacklog;
import dev.orgkit.delivery.DeliveryStatus;
import dev.orgkit.delivery.DispatchSummary;
import dev.orgkit.invitation.Invitation;
import dev.orgkit.invitation.InvitationId;
import dev.orgkit.mail.InvitationMail;
import dev.orgkit.invitation.InvitationStatus;
import dev.orgkit.spi.DeliveryRecord;
import dev.orgkit.spi.Mailer;
import dev.orgkit.spi.SecretHash;
import dev.orgkit.spi.WriteTransaction;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The invitation outbox: schedules a delivery in the transaction of an invite or a resend, and
 * dispatches due deliveries after commit. An attempt claims its delivery (a conditional update, so
 * no two dispatchers make the same attempt), mints a fresh token and stores its hash under the
 * organization's lock, commits, calls the {@link Mailer} outside any transaction, and records the
 * outcome if it still holds the claim.
 */
public final class DeliveryService implements Deliveries {
    private static final Logger LOG = LoggerFactory.getLogger(DeliveryService.class);
    private static final int BATCH = 50;
    private static final int MAX_ERROR_LENGTH = 500;

    private final Kernel kernel;
    private final Mailer mailer;
    private final Function<String, URI> invitationLink;
    private final DeliverySettings settings;
    private final Set<Dispatcher> running = ConcurrentHashMap.newKeySet();
    private final NoticeService notices;
    /** What a background dispatcher also runs after each round (the purge); nothing until the kit sets it. */
    private volatile Runnable housekeeping = () -> { };

    /**
     * Sends through {@code mailer}, with links built by {@code invitationLink}, retrying as {@code settings}
     * say; account notices too, monthly statements if {@code monthlyStatements}, and API key expiry
     * notices {@code keyExpiryLead} before each key expires (zero: none).
     */
    public DeliveryService(Kernel kernel, Mailer mailer, Function<String, URI> invitationLink,
            DeliverySettings settings, boolean monthlyStatements, Duration keyExpiryLead) {
        this.kernel = kernel;
        this.mailer = mailer;
        this.invitationLink = invitationLink;
        this.settings = settings;
        this.notices = new NoticeService(kernel, mailer, settings, monthlyStatements, keyExpiryLead);
    }

    /** The outcome of one attempt. */
    enum Outcome { SENT, FAILED, GIVEN_UP }

    /**
     * An attempt that holds its claim, with the token it minted; the token lives only here, in
     * memory, until the mailer has it.
     */
    private record Attempt(String claimId, InvitationMail mail, String token) {
        @Override
        public String toString() {
            return "Attempt[claimId=" + claimId + ", invitation=" + mail.invitationId() + ", token=<redacted>]";
        }
    }

    // ---- in the transactions of commands ----

    /**
     * Schedules a new delivery of the invitation and seals its link (a hash of a token nobody
     * holds), so that no earlier link works; the token that works is minted when the mail is
     * dispatched. Runs in the command's transaction, under the organization's lock.
     */
    void schedule(WriteTransaction tx, Invitation invitation, Instant now) {
        tx.invitations().replaceToken(invitation.id(), sealedLink());
        tx.deliveries().put(DeliveryRecord.scheduled(invitation.id(), invitation.organizationId(), now));
    }

    /** A token hash for an invitation that no link opens yet: the hash of a token thrown away at once. */
    SecretHash sealedLink() {
        return Secrets.sha256(kernel.secrets.newToken());
    }

    /**
     * Stops the delivery of an invitation that is no longer pending (accepted, declined, revoked,
     * replaced), so no mail goes out for it. Runs in the command's transaction.
     */
    static void cancel(WriteTransaction tx, InvitationId invitationId, InvitationStatus why) {
        tx.deliveries().find(invitationId)
                .filter(d -> d.status() == DeliveryStatus.PENDING || d.status() == DeliveryStatus.FAILED)
                .ifPresent(d -> tx.deliveries().put(d.settled(DeliveryStatus.GIVEN_UP, d.nextAttemptAt(),
                        Optional.of("no more attempts: the invitation is " + name(why)))));
    }

    private static String name(InvitationStatus status) {
        return status.name().toLowerCase(Locale.ROOT);
    }

    private static String notSent(InvitationStatus status) {
        return "not sent: the invitation is " + name(status);
    }

    // ---- after commit ----

    /**
     * Dispatches the delivery of an invitation just committed, if it is due; never throws: a
     * failure is recorded (or, if the storage failed, left for the next round) and logged.
     */
    void dispatchAfterCommit(AccountId organizationId, InvitationId invitationId) {
        try {
            dispatch(organizationId, invitationId);
        } catch (RuntimeException e) {
            LOG.warn("The invitation mail for {} was not dispatched now and stays due: {}", invitationId,
                    e.toString());
        }
    }

    @Override
    public DispatchSummary dispatchPending() {
        int sent = 0;
        int failed = 0;
        int givenUp = 0;
        boolean progress = true;
        while (progress) {
            Instant now = kernel.now();
            List<DeliveryRecord> due = kernel.storage.read(tx -> tx.deliveries().due(now, BATCH));
            progress = false;
            for (DeliveryRecord delivery : due) {
                Optional<Outcome> outcome = dispatch(delivery.organizationId(), delivery.invitationId());
                if (outcome.isEmpty()) {
                    continue;
                }
                progress = true;
                switch (outcome.get()) {
                    case SENT -> sent++;
                    case FAILED -> failed++;
                    case GIVEN_UP -> givenUp++;
                }
            }
        }
        int[] noticeCounts = new int[Outcome.values().length];
        notices.dispatchDue(noticeCounts);
        return new DispatchSummary(sent + noticeCounts[Outcome.SENT.ordinal()],
                failed + noticeCounts[Outcome.FAILED.ordinal()], givenUp + noticeCounts[Outcome.GIVEN_UP.ordinal()]);
    }

    /** One attempt at the delivery; empty if it was not claimable (not due, or another dispatcher has it). */
    Optional<Outcome> dispatch(AccountId organizationId, InvitationId invitationId) {
        String claimId = kernel.secrets.newId("dlv");
        Claim claim = kernel.storage.write(tx -> claim(tx, organizationId, invitationId, claimId));
        if (claim.attempt().isEmpty()) {
            return claim.settled();
        }
        Attempt attempt = claim.attempt().get();
        Optional<String> error = send(attempt);
        return Optional.of(kernel.storage.write(tx -> settle(tx, organizationId, attempt, error)));
    }

    /** The attempt to make; or, if there is none, how the claim settled the delivery (empty: not claimed). */
    private record Claim(Optional<Outcome> settled, Optional<Attempt> attempt) {
        static final Claim NOT_CLAIMED = new Claim(Optional.empty(), Optional.empty());
        static final Claim GIVEN_UP = new Claim(Optional.of(Outcome.GIVEN_UP), Optional.empty());
    }

    private Claim claim(WriteTransaction tx, AccountId organizationId, InvitationId invitationId,
            String claimId) {
        var account = Kernel.lock(tx, organizationId);
        Instant now = kernel.now();
        if (!tx.deliveries().claim(invitationId, claimId, now, now.plus(settings.lease()))) {
            return Claim.NOT_CLAIMED;
        }
        DeliveryRecord claimed = tx.deliveries().find(invitationId).orElseThrow();
        Optional<Invitation> invitation = tx.invitations().find(invitationId).map(i -> i.asOf(now));
        Optional<String> reason = Optional.empty();
        if (invitation.isEmpty() || invitation.get().status() != InvitationStatus.PENDING) {
            reason = Optional.of(notSent(invitation.map(Invitation::status).orElse(InvitationStatus.REVOKED)));
        } else if (claimed.attempts() > settings.maxAttempts()) {
            reason = Optional.of("given up after " + settings.maxAttempts() + " attempts");
        }
        if (reason.isPresent()) {
            tx.deliveries().settle(claimed.settled(DeliveryStatus.GIVEN_UP, claimed.nextAttemptAt(), reason), claimId);
            return Claim.GIVEN_UP;
        }
        String token = kernel.secrets.newToken();
        tx.invitations().replaceToken(invitationId, Secrets.sha256(token));
        Invitation pending = invitation.get();
        URI link;
        try {
            link = link(token, invitationId);
        } catch (IllegalStateException e) {
            // The host's link function failed: there is nothing to send. Record it as a failed attempt,
            // so the delivery backs off (and is given up in the end) instead of blocking the outbox.
            return new Claim(Optional.of(failed(tx, organizationId, invitationId, claimed, claimId,
                    pending.email().value(), e.getMessage())), Optional.empty());
        }
        var mail = new InvitationMail(pending.id().value() + "." + claimId, pending.id(), pending.email(),
                account.displayName(), pending.inviterEmail(), pending.role(), link, token, pending.expiresAt());
        return new Claim(Optional.empty(), Optional.of(new Attempt(claimId, mail, token)));
    }

    /** The host's accept link; if the host's function fails, an exception without the token (nor a cause that has it). */
    URI link(String token, InvitationId invitationId) {
        try {
            return invitationLink.apply(token);
        } catch (RuntimeException e) {
            throw new IllegalStateException("The invitationLink function failed for " + invitationId + ": "
                    + describe(e, token));
        }
    }

    /** Calls the mailer; returns the error, with the token redacted, if it failed. */
    private Optional<String> send(Attempt attempt) {
        try {
            mailer.send(attempt.mail());
            LOG.debug("Sent the invitation mail {} for {}", attempt.mail().messageId(), attempt.mail().invitationId());
            return Optional.empty();
        } catch (RuntimeException e) {
            String error = describe(e, attempt.token());
            LOG.warn("The invitation mail {} for {} was not sent: {}", attempt.mail().messageId(),
                    attempt.mail().invitationId(), error);
            return Optional.of(error);
        }
    }

    /** The exception and its causes, one line, with the token redacted, at most 500 characters. */
    static String describe(Throwable failure, String token) {
        var text = new StringBuilder(String.valueOf(failure));
        Throwable cause = failure.getCause();
        for (int depth = 0; cause != null && depth < 3; depth++, cause = cause.getCause()) {
            text.append("; caused by ").append(cause);
        }
        String redacted = Redaction.redact(text.toString(), token).replaceAll("[\\r\\n\\t]+", " ");
        return redacted.length() <= MAX_ERROR_LENGTH ? redacted : redacted.substring(0, MAX_ERROR_LENGTH - 1) + "…";
    }

    private Outcome settle(WriteTransaction tx, AccountId organizationId, Attempt attempt, Optional<String> error) {
        Kernel.lock(tx, organizationId);
        InvitationId invitationId = attempt.mail().invitationId();
        DeliveryRecord claimed = tx.deliveries().find(invitationId)
                .filter(d -> d.claimId().equals(Optional.of(attempt.claimId())))
                .orElse(null);
        if (claimed == null) {
            // A resend or revoke replaced the delivery while the mailer ran; the outcome is theirs to decide.
            return error.isEmpty() ? Outcome.SENT : Outcome.FAILED;
        }
        if (error.isEmpty()) {
            tx.deliveries().settle(claimed.settled(DeliveryStatus.SENT, claimed.nextAttemptAt(), Optional.empty()),
                    attempt.claimId());
            kernel.audit(tx, organizationId, Actor.system(), AuditAction.INVITATION_MAIL_SENT, invitationId.value(),
                    Map.of("email", attempt.mail().recipient().value(), "attempt", String.valueOf(claimed.attempts()),
                            "messageId", attempt.mail().messageId()));
            return Outcome.SENT;
        }
        return failed(tx, organizationId, invitationId, claimed, attempt.claimId(),
                attempt.mail().recipient().value(), error.get());
    }

    /**
     * Records a failed attempt on the claimed delivery: the link is sealed, the delivery backs off (or is
     * given up after the last attempt), and the attempt is audited with its error (which has no secret).
     */
    private Outcome failed(WriteTransaction tx, AccountId organizationId, InvitationId invitationId,
            DeliveryRecord claimed, String claimId, String email, String error) {
        Instant now = kernel.now();
        // The failed attempt's token may have reached someone (a timeout after the server took the
        // mail): seal the link, so only the token of a later, successful attempt works.
        if (tx.invitations().find(invitationId).filter(i -> i.status() == InvitationStatus.PENDING).isPresent()) {
            tx.invitations().replaceToken(invitationId, sealedLink());
        }
        boolean last = claimed.attempts() >= settings.maxAttempts();
        tx.deliveries().settle(claimed.settled(last ? DeliveryStatus.GIVEN_UP : DeliveryStatus.FAILED,
                now.plus(settings.backoffAfter(claimed.attempts())), Optional.of(error)), claimId);
        kernel.audit(tx, organizationId, Actor.system(),
                last ? AuditAction.INVITATION_MAIL_GIVEN_UP : AuditAction.INVITATION_MAIL_FAILED, invitationId.value(),
                Map.of("email", email, "attempt", String.valueOf(claimed.attempts()), "error", error));
        return last ? Outcome.GIVEN_UP : Outcome.FAILED;
    }

    // ---- background ----

    @Override
    public BackgroundDispatcher startDispatcher(Duration interval) {
        Check.notNull("interval", interval);
        if (interval.isNegative() || interval.isZero() || interval.compareTo(Duration.ofDays(1)) > 0) {
            new Check().add("interval", "must be more than zero and at most one day").throwIfAny();
        }
        var dispatcher = new Dispatcher(this, interval);
        running.add(dispatcher);
        dispatcher.start();
        return dispatcher;
    }

    /** Stops every background dispatcher still running; for {@code OrgKit.close()}. */
    public void stopDispatchers() {
        for (Dispatcher dispatcher : List.copyOf(running)) {
            dispatcher.close();
        }
    }

    @Override
    public DeliveryBacklog backlog() {
        return Backlogs.read(kernel);
    }

    /** Sets what a background dispatcher runs after each round of dispatching. */
    public void housekeeping(Runnable work) {
        this.housekeeping = work;
    }

    /** Runs the housekeeping once; called by the background dispatchers. */
    void housekeep() {
        housekeeping.run();
    }

    void stopped(Dispatcher dispatcher) {
        running.remove(dispatcher);
    }
}
