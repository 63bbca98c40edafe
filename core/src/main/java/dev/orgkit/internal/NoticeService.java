package dev.orgkit.internal;

import dev.orgkit.account.Account;
import dev.orgkit.account.AccountId;
import dev.orgkit.apikey.ApiKey;
import dev.orgkit.apikey.ApiKeyId;
import dev.orgkit.audit.Actor;
import dev.orgkit.audit.AuditAction;
import dev.orgkit.delivery.DeliveryStatus;
import dev.orgkit.delivery.NoticeKind;
import dev.orgkit.internal.DeliveryService.Outcome;
import dev.orgkit.mail.KeyExpiryNoticeMail;
import dev.orgkit.mail.OrgKitMail;
import dev.orgkit.mail.UsageAlertMail;
import dev.orgkit.mail.UsageStatementMail;
import dev.orgkit.plan.Plan;
import dev.orgkit.spi.Mailer;
import dev.orgkit.spi.NoticeRecord;
import dev.orgkit.spi.WriteTransaction;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The account notices of the outbox (usage alerts, statements, key expiry notices): each attempt
 * claims its notice (a conditional update, so no two dispatchers make the same attempt), writes the
 * mail from the account's state, commits, calls the {@link Mailer} outside any transaction, and
 * records the outcome if it still holds the claim, with the invitations' backoff and attempt limit.
 * Also schedules the monthly statements, when the host asked for them, and the expiry notices of
 * API keys that expire within the lead time.
 */
final class NoticeService {
    private static final Logger LOG = LoggerFactory.getLogger(NoticeService.class);
    private static final int BATCH = 50;
    /** How often one instance looks for keys whose expiry notice is due to be scheduled. */
    static final Duration EXPIRY_SCAN_INTERVAL = Duration.ofMinutes(1);

    private final Kernel kernel;
    private final Mailer mailer;
    private final DeliverySettings settings;
    private final boolean monthlyStatements;
    /** How long before a key expires its notice is scheduled; zero: never. */
    private final Duration keyExpiryLead;
    /** When this instance next looks for keys to notify; a restart looks at once (which changes nothing already scheduled). */
    private volatile Instant nextExpiryScan = Instant.MIN;
    /** The last month whose statements this instance scheduled; a restart schedules it again (idempotently). */
    private volatile @Nullable YearMonth statementsScheduled;

    NoticeService(Kernel kernel, Mailer mailer, DeliverySettings settings, boolean monthlyStatements,
            Duration keyExpiryLead) {
        this.kernel = kernel;
        this.mailer = mailer;
        this.settings = settings;
        this.monthlyStatements = monthlyStatements;
        this.keyExpiryLead = keyExpiryLead;
    }

    private record Attempt(NoticeRecord notice, String claimId, OrgKitMail mail) {}

    /** A claim's result: the attempt to make, or how the claim settled the notice (empty: not claimed). */
    private record Claim(Optional<Outcome> settled, Optional<Attempt> attempt) {
        static final Claim NOT_CLAIMED = new Claim(Optional.empty(), Optional.empty());
        static final Claim GIVEN_UP = new Claim(Optional.of(Outcome.GIVEN_UP), Optional.empty());
    }

    /** Dispatches every due notice, adding the outcomes to {@code counts} (sent, failed, given up). */
    void dispatchDue(int[] counts) {
        scheduleStatements();
        scheduleKeyExpiryNotices();
        boolean progress = true;
        while (progress) {
            Instant now = kernel.now();
            List<NoticeRecord> due = kernel.storage.read(tx -> tx.notices().due(now, BATCH));
            progress = false;
            for (NoticeRecord notice : due) {
                Optional<Outcome> outcome = dispatch(notice);
                if (outcome.isPresent()) {
                    progress = true;
                    counts[outcome.get().ordinal()]++;
                }
            }
        }
    }

    /** One attempt at the notice; empty if it was not claimable. */
    Optional<Outcome> dispatch(NoticeRecord notice) {
        String claimId = kernel.secrets.newId("ntc");
        Claim claim = kernel.storage.write(tx -> claim(tx, notice, claimId));
        if (claim.attempt().isEmpty()) {
            return claim.settled();
        }
        Attempt attempt = claim.attempt().get();
        Optional<String> error;
        try {
            mailer.send(attempt.mail());
            error = Optional.empty();
        } catch (RuntimeException e) {
            error = Optional.of(DeliveryService.describe(e, ""));
            LOG.warn("The {} mail {} was not sent: {}", notice.kind(), attempt.mail().messageId(), error.get());
        }
        Optional<String> outcome = error;
        return Optional.of(kernel.storage.write(tx -> settle(tx, attempt, outcome)));
    }

    private Claim claim(WriteTransaction tx, NoticeRecord notice, String claimId) {
        Instant now = kernel.now();
        if (!tx.notices().claim(notice.accountId(), notice.kind(), notice.subject(), claimId, now,
                now.plus(settings.lease()))) {
            return Claim.NOT_CLAIMED;
        }
        NoticeRecord claimed = tx.notices().find(notice.accountId(), notice.kind(), notice.subject()).orElseThrow();
        Mail mail = claimed.attempts() > settings.maxAttempts()
                ? Mail.notSent("given up after " + settings.maxAttempts() + " attempts")
                : compose(tx, claimed, claimed.accountId().value() + "." + claimId, now);
        if (mail.reason().isPresent()) {
            tx.notices().settle(claimed.settled(DeliveryStatus.GIVEN_UP, claimed.nextAttemptAt(), mail.reason()),
                    claimId);
            return Claim.GIVEN_UP;
        }
        return new Claim(Optional.empty(), Optional.of(new Attempt(claimed, claimId, mail.mail().orElseThrow())));
    }

    /** A mail to send, or why there is none. */
    private record Mail(Optional<OrgKitMail> mail, Optional<String> reason) {
        static Mail of(OrgKitMail mail) {
            return new Mail(Optional.of(mail), Optional.empty());
        }

        static Mail notSent(String reason) {
            return new Mail(Optional.empty(), Optional.of(reason));
        }
    }

    /** Writes the notice's mail from the account's state now. */
    private static Mail compose(WriteTransaction tx, NoticeRecord notice, String messageId, Instant now) {
        Optional<Account> found = tx.accounts().find(notice.accountId());
        if (found.isEmpty()) {
            return Mail.notSent("not sent: the account no longer exists");
        }
        Account account = found.get();
        try {
            switch (notice.kind()) {
                case USAGE_ALERT: {
                    int slash = notice.subject().indexOf('/');
                    YearMonth month = YearMonth.parse(notice.subject().substring(0, slash));
                    int threshold = Integer.parseInt(notice.subject().substring(slash + 1));
                    Optional<Plan> plan = tx.plans().find(account.id()).filter(p -> p.monthlyCalls().isPresent());
                    if (plan.isEmpty()) {
                        return Mail.notSent("not sent: the plan no longer has a monthly limit");
                    }
                    return Statements.alertingEmail(tx, account)
                            .map(to -> Mail.of(new UsageAlertMail(messageId, to, account.id(), account.displayName(),
                                    threshold, month, UsageWatch.total(tx, account.id(), month),
                                    plan.get().monthlyCalls().getAsLong())))
                            .orElse(Mail.notSent("not sent: no address is known for the account's owner"));
                }
                case USAGE_STATEMENT: {
                    YearMonth month = YearMonth.parse(notice.subject());
                    return Statements.invoicingEmail(tx, account)
                            .map(to -> Mail.of(new UsageStatementMail(messageId, to,
                                    Statements.build(tx, account, month))))
                            .orElse(Mail.notSent("not sent: no address is known for the account's owner"));
                }
                case KEY_EXPIRY: {
                    Optional<ApiKey> key = tx.apiKeys().find(ApiKeyId.of(notice.subject()))
                            .filter(k -> k.accountId().equals(account.id()));
                    if (key.isEmpty()) {
                        return Mail.notSent("not sent: the key is gone");
                    }
                    if (key.get().isRevoked() || key.get().rolledTo().isPresent()) {
                        // Revoked or rolled after the notice was scheduled: nobody needs to act on it any more.
                        return Mail.notSent("not sent: the key was " + (key.get().isRevoked() ? "revoked" : "rolled"));
                    }
                    if (key.get().expiresAt().isEmpty() || key.get().isExpiredAt(now)) {
                        return Mail.notSent("not sent: the key has already expired");
                    }
                    return Statements.alertingEmail(tx, account)
                            .map(to -> Mail.of(new KeyExpiryNoticeMail(messageId, to, account.id(),
                                    account.displayName(), key.get().id(), key.get().name(), key.get().hint(),
                                    key.get().expiresAt().orElseThrow())))
                            .orElse(Mail.notSent("not sent: no address is known for the account's owner"));
                }
                default:
                    throw new IllegalStateException("unknown notice kind " + notice.kind());
            }
        } catch (DateTimeParseException | IndexOutOfBoundsException | IllegalArgumentException e) {
            return Mail.notSent("not sent: the notice's subject is not one orgkit wrote");
        }
    }

    private Outcome settle(WriteTransaction tx, Attempt attempt, Optional<String> error) {
        NoticeRecord notice = attempt.notice();
        Optional<NoticeRecord> claimed = tx.notices().find(notice.accountId(), notice.kind(), notice.subject())
                .filter(n -> n.claimId().equals(Optional.of(attempt.claimId())));
        if (claimed.isEmpty()) {
            // The claim ran out while the mailer ran and another attempt has it now.
            return error.isEmpty() ? Outcome.SENT : Outcome.FAILED;
        }
        NoticeRecord current = claimed.get();
        if (error.isEmpty()) {
            tx.notices().settle(current.settled(DeliveryStatus.SENT, current.nextAttemptAt(), Optional.empty()),
                    attempt.claimId());
            audited(notice.kind()).ifPresent(action -> {
                Map<String, String> details = new LinkedHashMap<>();
                details.put("email", attempt.mail().recipient().value());
                details.put("subject", notice.subject());
                details.put("attempt", String.valueOf(current.attempts()));
                details.put("messageId", attempt.mail().messageId());
                kernel.audit(tx, notice.accountId(), Actor.system(), action, notice.subject(), details);
            });
            return Outcome.SENT;
        }
        boolean last = current.attempts() >= settings.maxAttempts();
        tx.notices().settle(current.settled(last ? DeliveryStatus.GIVEN_UP : DeliveryStatus.FAILED,
                kernel.now().plus(settings.backoffAfter(current.attempts())), error), attempt.claimId());
        return last ? Outcome.GIVEN_UP : Outcome.FAILED;
    }

    private static Optional<AuditAction> audited(NoticeKind kind) {
        switch (kind) {
            case USAGE_ALERT:
                return Optional.of(AuditAction.USAGE_ALERT_SENT);
            case USAGE_STATEMENT:
                return Optional.of(AuditAction.USAGE_STATEMENT_SENT);
            case KEY_EXPIRY:
                return Optional.of(AuditAction.KEY_EXPIRY_NOTICE_SENT);
            default:
                return Optional.empty();
        }
    }

    /**
     * Once per closed month (per instance; again after a restart, which changes nothing already
     * scheduled), schedules a statement of that month for every account with a plan that existed
     * before the month ended, under each plan's lock, when the host enabled {@code monthlyStatements}.
     */
    private void scheduleStatements() {
        YearMonth closed = YearMonth.from(kernel.now().atOffset(ZoneOffset.UTC)).minusMonths(1);
        if (!monthlyStatements || closed.equals(statementsScheduled)) {
            return;
        }
        String subject = closed.toString();
        Instant closedEnd = closed.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        Optional<AccountId> after = Optional.empty();
        while (true) {
            Optional<AccountId> from = after;
            List<AccountId> page = kernel.storage.write(tx -> {
                List<AccountId> accounts = tx.plans().withPlan(from, BATCH);
                Instant now = kernel.now();
                for (AccountId accountId : accounts) {
                    // No statement of a month that ended before the account existed.
                    boolean existed = tx.accounts().find(accountId).filter(a -> a.createdAt().isBefore(closedEnd))
                            .isPresent();
                    if (existed && tx.plans().lock(accountId).isPresent()
                            && tx.notices().find(accountId, NoticeKind.USAGE_STATEMENT, subject).isEmpty()) {
                        tx.notices().insert(NoticeRecord.scheduled(accountId, NoticeKind.USAGE_STATEMENT, subject, now));
                    }
                }
                return accounts;
            });
            if (page.size() < BATCH) {
                break;
            }
            after = Optional.of(page.get(page.size() - 1));
        }
        statementsScheduled = closed;
    }

    /**
     * Schedules a {@code KEY_EXPIRY} notice for every key that expires within the lead time and has
     * none yet, at most once a {@link #EXPIRY_SCAN_INTERVAL} per instance: a bounded read of the keys
     * still to decide, then, one account at a time, under the account's lock (which revoking and
     * rolling take too), the check again and the insert if no notice exists. The notice's key in the
     * outbox, (account, {@code KEY_EXPIRY}, key id), is the mark that it was decided, so however many
     * instances scan at once, a key gets one notice.
     */
    private void scheduleKeyExpiryNotices() {
        Instant now = kernel.now();
        if (keyExpiryLead.isZero() || now.isBefore(nextExpiryScan)) {
            return;
        }
        Instant until = now.plus(keyExpiryLead);
        while (true) {
            List<ApiKey> keys = kernel.storage.read(tx -> tx.apiKeys().expiringWithoutNotice(now, until, BATCH));
            Map<AccountId, List<ApiKeyId>> byAccount = new TreeMap<>();
            for (ApiKey key : keys) {
                byAccount.computeIfAbsent(key.accountId(), id -> new ArrayList<>()).add(key.id());
            }
            int scheduled = 0;
            for (Map.Entry<AccountId, List<ApiKeyId>> account : byAccount.entrySet()) {
                scheduled += kernel.storage.write(tx -> scheduleKeyExpiryNotices(tx, account.getKey(),
                        account.getValue(), until));
            }
            // No progress (every key was decided meanwhile, or revoked): the next scan looks again.
            if (keys.size() < BATCH || scheduled == 0) {
                break;
            }
        }
        nextExpiryScan = now.plus(EXPIRY_SCAN_INTERVAL);
    }

    /** Under the account's lock, schedules the notices of those of its keys that still need one; returns how many. */
    private int scheduleKeyExpiryNotices(WriteTransaction tx, AccountId accountId, List<ApiKeyId> keyIds,
            Instant until) {
        if (tx.accounts().lock(accountId).isEmpty()) {
            return 0;
        }
        Instant now = kernel.now();
        int scheduled = 0;
        for (ApiKeyId keyId : keyIds) {
            boolean due = tx.apiKeys().find(keyId)
                    .filter(k -> k.accountId().equals(accountId) && !k.isRevoked() && k.rolledTo().isEmpty()
                            && k.expiresAt().filter(at -> at.isAfter(now) && !at.isAfter(until)).isPresent())
                    .isPresent();
            if (due && tx.notices().find(accountId, NoticeKind.KEY_EXPIRY, keyId.value()).isEmpty()) {
                tx.notices().insert(NoticeRecord.scheduled(accountId, NoticeKind.KEY_EXPIRY, keyId.value(), now));
                scheduled++;
            }
        }
        return scheduled;
    }
}
