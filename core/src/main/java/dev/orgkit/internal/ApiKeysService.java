package dev.orgkit.internal;

import dev.orgkit.NotFoundException;
import dev.orgkit.Page;
import dev.orgkit.PageRequest;
import dev.orgkit.Principal;
import dev.orgkit.UserPrincipal;
import dev.orgkit.account.Account;
import dev.orgkit.account.AccountId;
import dev.orgkit.apikey.ApiKey;
import dev.orgkit.apikey.ApiKeyId;
import dev.orgkit.apikey.ApiKeys;
import dev.orgkit.apikey.CreatedApiKey;
import dev.orgkit.apikey.Environment;
import dev.orgkit.apikey.IpNetwork;
import dev.orgkit.apikey.KeyRestrictions;
import dev.orgkit.apikey.KeyVerification;
import dev.orgkit.apikey.NewApiKey;
import dev.orgkit.apikey.RateLimit;
import dev.orgkit.apikey.UsageFlusher;
import dev.orgkit.apikey.VerifyContext;
import dev.orgkit.audit.Actor;
import dev.orgkit.audit.AuditAction;
import dev.orgkit.policy.Decision;
import dev.orgkit.policy.DenialCode;
import dev.orgkit.policy.Permission;
import dev.orgkit.spi.ApiKeyRecord;
import dev.orgkit.spi.ReadTransaction;
import dev.orgkit.spi.SecretHash;
import dev.orgkit.spi.WriteTransaction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link ApiKeys} on the kernel, with the usage buffer that {@code verify} counts into. */
public final class ApiKeysService implements ApiKeys {
    /** The longest overlap a roll may give the old secret. */
    public static final Duration MAX_ROLL_OVERLAP = Duration.ofDays(7);
    static final String KEYS_CURSOR = "apikeys";
    private static final Duration MIN_FLUSH_INTERVAL = Duration.ofMillis(100);
    private static final Duration MAX_FLUSH_INTERVAL = Duration.ofHours(1);
    private static final Logger LOG = LoggerFactory.getLogger(ApiKeysService.class);

    private final Kernel kernel;
    private final ApiKeyFormat format;
    private final UsageBuffer usage;
    private final KeyGuard guard = new KeyGuard();
    private final PeriodCounters periods;
    private final UsageWatch watch;

    /** Creates the service for keys of {@code format}, enforcing HARD plans with {@code periods}. */
    public ApiKeysService(Kernel kernel, ApiKeyFormat format, PeriodCounters periods) {
        this.kernel = kernel;
        this.format = format;
        this.periods = periods;
        this.usage = new UsageBuffer(() -> kernel.secrets.newId("usage"));
        this.watch = new UsageWatch(kernel, periods);
    }

    @Override
    public CreatedApiKey create(UserPrincipal principal, AccountId accountId, NewApiKey form) {
        Instant requested = kernel.now();
        Check.nulls("principal", principal, "accountId", accountId)
                .addAll(kernel.validator.violations("key", form))
                .add("key.expiresAt", form == null || form.expiresAt() == null ? Optional.<String>empty()
                        : form.expiresAt().flatMap(at -> at.isAfter(requested) ? Check.instantProblem(at)
                                : Optional.of("must be in the future")))
                .add("key.rateLimit.window", form == null || form.rateLimit() == null ? Optional.<String>empty()
                        : form.rateLimit().flatMap(ApiKeysService::windowProblem))
                .throwIfAny();
        KeyRestrictions restrictions = new KeyRestrictions(form.scopes(), form.rateLimit(),
                form.allowedNetworks().stream().map(IpNetwork::parse).collect(Collectors.toSet()));
        return kernel.storage.write(tx -> {
            Account account = Kernel.lock(tx, accountId);
            kernel.require(tx, principal, account, Permission.MANAGE_API_KEYS);
            CreatedApiKey created = mint(tx, principal, accountId, form.name().strip(), form.environment(),
                    form.expiresAt(), restrictions);
            ApiKey key = created.apiKey();
            Map<String, String> details = new LinkedHashMap<>();
            details.put("name", key.name());
            details.put("environment", key.environment().text());
            details.put("hint", key.hint());
            key.expiresAt().ifPresent(at -> details.put("expiresAt", at.toString()));
            details.putAll(auditDetails(restrictions));
            kernel.audit(tx, accountId, Actor.of(principal), AuditAction.API_KEY_CREATED, key.id().value(), details);
            return created;
        });
    }

    @Override
    public Page<ApiKey> list(Principal principal, AccountId accountId, PageRequest page) {
        Check.notNull("principal", principal, "accountId", accountId, "page", page);
        Optional<ApiKeyId> after = Cursors.keyOf(page, KEYS_CURSOR).map(ApiKeyId::of);
        return kernel.storage.read(tx -> {
            Account account = Kernel.account(tx, accountId);
            kernel.require(tx, principal, account, Permission.VIEW_API_KEYS);
            return Cursors.page(tx.apiKeys().list(accountId, after, page.size() + 1), page, KEYS_CURSOR,
                    key -> key.id().value());
        });
    }

    @Override
    public ApiKey get(Principal principal, ApiKeyId keyId) {
        Check.notNull("principal", principal, "keyId", keyId);
        return kernel.storage.read(tx -> {
            ApiKey key = tx.apiKeys().find(keyId).orElseThrow(ApiKeysService::unknownKey);
            requireOnKey(tx, principal, key, Permission.VIEW_API_KEYS);
            return key;
        });
    }

    @Override
    public ApiKey revoke(UserPrincipal principal, ApiKeyId keyId) {
        Check.notNull("principal", principal, "keyId", keyId);
        return kernel.storage.write(tx -> {
            ApiKey key = lockedKey(tx, principal, keyId);
            if (key.isRevoked()) {
                return key;
            }
            Instant now = kernel.now();
            tx.apiKeys().revoke(keyId, now);
            kernel.audit(tx, key.accountId(), Actor.of(principal), AuditAction.API_KEY_REVOKED, keyId.value(),
                    Map.of("name", key.name(), "hint", key.hint()));
            return key.withRevokedAt(now);
        });
    }

    @Override
    public CreatedApiKey roll(UserPrincipal principal, ApiKeyId keyId, Duration overlap) {
        Check.nulls("principal", principal, "keyId", keyId)
                .add("overlap", overlap == null ? Optional.of("must not be null")
                        : overlap.isNegative() || overlap.compareTo(MAX_ROLL_OVERLAP) > 0
                        ? Optional.of("must be from zero to 7 days") : Optional.empty())
                .throwIfAny();
        return kernel.storage.write(tx -> {
            ApiKey old = lockedKey(tx, principal, keyId);
            Instant now = kernel.now();
            if (!old.isActiveAt(now) || old.rolledTo().isPresent()) {
                // A second roll of the same key (a retried request) would give its successor the
                // first roll's short overlap as an expiry: roll the successor instead.
                throw Denials.raise(DenialCode.API_KEY_INACTIVE);
            }
            CreatedApiKey created = mint(tx, principal, old.accountId(), old.name(), old.environment(),
                    old.expiresAt(), old.restrictions());
            // Verification reads the clock in whole milliseconds: an end on a millisecond boundary
            // makes a zero overlap end the old secret at once, not at the end of the current millisecond.
            Instant oldExpiry = now.plus(overlap).truncatedTo(ChronoUnit.MILLIS);
            if (old.expiresAt().isPresent() && old.expiresAt().get().isBefore(oldExpiry)) {
                oldExpiry = old.expiresAt().get();
            }
            if (!tx.apiKeys().markRolled(keyId, created.apiKey().id(), oldExpiry)) {
                throw Denials.raise(DenialCode.API_KEY_INACTIVE);
            }
            kernel.audit(tx, old.accountId(), Actor.of(principal), AuditAction.API_KEY_ROLLED, keyId.value(),
                    Map.of("name", old.name(), "hint", old.hint(), "oldExpiresAt", oldExpiry.toString(),
                            "rolledTo", created.apiKey().id().value(), "rolledToHint", created.apiKey().hint()));
            return created;
        });
    }

    @Override
    public KeyVerification verify(@Nullable String secret) {
        return verify(secret, VerifyContext.none());
    }

    @Override
    public KeyVerification verify(@Nullable String secret, VerifyContext context) {
        Check.notNull("context", context);
        if (secret == null || secret.length() != format.length()) {
            return KeyVerification.of(KeyVerification.Code.MALFORMED);
        }
        byte[] bytes = secret.getBytes(StandardCharsets.ISO_8859_1);
        if (format.parse(bytes) == null) {
            return KeyVerification.of(KeyVerification.Code.MALFORMED);
        }
        SecretHash hash = Secrets.sha256(bytes);
        Optional<ApiKeyRecord> found = kernel.storage.apiKeyByHash(hash);
        // The storage found the key by this hash; comparing again (in constant time) guards against
        // a storage that returns a wrong row, such as a case-insensitive collation would.
        if (found.isEmpty() || !found.get().hash().equals(hash)) {
            return KeyVerification.of(KeyVerification.Code.NOT_FOUND);
        }
        ApiKey key = found.get().apiKey();
        if (key.isRevoked()) {
            return KeyVerification.of(KeyVerification.Code.REVOKED);
        }
        long now = kernel.clock.millis();
        if (key.expiresAt().isPresent() && hasPassed(key.expiresAt().get(), now)) {
            return KeyVerification.of(KeyVerification.Code.EXPIRED);
        }
        Optional<KeyVerification> refusal = guard.refusal(key, context, now);
        if (refusal.isPresent()) {
            return refusal.get();
        }
        // HARD plans: what this instance knows of the month, in memory; the flush keeps it fresh.
        if (periods.exceeded(key.accountId(), now)) {
            return KeyVerification.of(KeyVerification.Code.USAGE_EXCEEDED);
        }
        usage.record(key.accountId(), key.id(), now);
        periods.counted(key.accountId(), now);
        return KeyVerification.valid(key);
    }

    /** Whether {@code moment} is at or before {@code nowMillis}, exactly, without making an Instant of now. */
    private static boolean hasPassed(Instant moment, long nowMillis) {
        long millis = moment.toEpochMilli();
        return nowMillis > millis || nowMillis == millis && moment.getNano() % 1_000_000 == 0;
    }

    @Override
    public long flushUsage() {
        guard.evictIdle(kernel.clock.millis());
        return watch.flush(usage);
    }

    @Override
    public UsageFlusher startUsageFlusher(Duration interval) {
        Check.single("interval", interval == null ? Optional.of("must not be null")
                : interval.compareTo(MIN_FLUSH_INTERVAL) < 0 || interval.compareTo(MAX_FLUSH_INTERVAL) > 0
                ? Optional.of("must be from 100 ms to 1 hour") : Optional.empty());
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "orgkit-usage-flusher");
            thread.setDaemon(true);
            return thread;
        });
        long millis = interval.toMillis();
        executor.scheduleWithFixedDelay(this::flushQuietly, millis, millis, TimeUnit.MILLISECONDS);
        var closed = new AtomicBoolean();
        return () -> {
            if (!closed.compareAndSet(false, true)) {
                return;
            }
            executor.shutdown();
            try {
                if (!executor.awaitTermination(30, TimeUnit.SECONDS)) {
                    LOG.warn("the API key usage flusher did not stop within 30 seconds");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            flushQuietly();
        };
    }

    /** Flushes, logging a failure instead of throwing it; the counts stay buffered for the next try. */
    public void flushQuietly() {
        try {
            flushUsage();
        } catch (RuntimeException e) {
            LOG.warn("flushing API key usage failed; {} verifications stay buffered for the next flush",
                    usage.unflushed(), e);
        }
    }

    private CreatedApiKey mint(WriteTransaction tx, UserPrincipal principal, AccountId accountId, String name,
            Environment environment, Optional<Instant> expiresAt, KeyRestrictions restrictions) {
        Instant now = kernel.now();
        String secret = format.mint(environment, kernel.secrets);
        var key = new ApiKey(ApiKeyId.of("key_" + kernel.secrets.newEventId(now.toEpochMilli())), accountId, name,
                environment, format.hint(secret), principal.userId(), now, Optional.empty(),
                expiresAt, Optional.empty(), Optional.empty(), restrictions);
        tx.apiKeys().insert(key, Secrets.sha256(secret));
        return new CreatedApiKey(secret, key);
    }

    /** The key, read again after locking its account, once the principal may manage it. */
    private ApiKey lockedKey(WriteTransaction tx, Principal principal, ApiKeyId keyId) {
        ApiKey found = tx.apiKeys().find(keyId).orElseThrow(ApiKeysService::unknownKey);
        tx.accounts().lock(found.accountId()).orElseThrow(ApiKeysService::unknownKey);
        ApiKey key = tx.apiKeys().find(keyId).orElseThrow(ApiKeysService::unknownKey);
        requireOnKey(tx, principal, key, Permission.MANAGE_API_KEYS);
        return key;
    }

    /** Requires the permission on the key's account; someone who may not see the account gets the unknown-key answer (R9). */
    private void requireOnKey(ReadTransaction tx, Principal principal, ApiKey key, Permission permission) {
        Account account = tx.accounts().find(key.accountId()).orElseThrow(ApiKeysService::unknownKey);
        Decision decision = kernel.policy.decide(principal, Kernel.facts(tx, principal, account, false), permission);
        if (decision instanceof Decision.Denied denied && denied.code() == DenialCode.NOT_FOUND) {
            throw unknownKey();
        }
        Denials.require(decision);
    }

    /** The restrictions as audit details: sorted and space-separated, absent when unrestricted. */
    private static Map<String, String> auditDetails(KeyRestrictions restrictions) {
        Map<String, String> details = new LinkedHashMap<>();
        if (!restrictions.scopes().isEmpty()) {
            details.put("scopes", String.join(" ", new TreeSet<>(restrictions.scopes())));
        }
        restrictions.rateLimit().ifPresent(limit -> details.put("rateLimit", limit.toString()));
        if (!restrictions.allowedNetworks().isEmpty()) {
            details.put("allowedNetworks", restrictions.allowedNetworks().stream().map(IpNetwork::toString)
                    .sorted().collect(Collectors.joining(" ")));
        }
        return details;
    }

    private static final Duration MIN_WINDOW = Duration.ofMillis(1);

    private static Optional<String> windowProblem(RateLimit limit) {
        Duration window = limit.window();
        return window == null || window.compareTo(MIN_WINDOW) >= 0 && window.compareTo(RateLimit.MAX_WINDOW) <= 0
                ? Optional.empty() : Optional.of("must be from 1 ms to 1 day");
    }

    private static NotFoundException unknownKey() {
        return new NotFoundException("No such API key.");
    }
}
