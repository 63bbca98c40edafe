package dev.orgkit.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.orgkit.AccessDeniedException;
import dev.orgkit.ConflictException;
import dev.orgkit.InvalidInputException;
import dev.orgkit.NotFoundException;
import dev.orgkit.OrgKit;
import dev.orgkit.Page;
import dev.orgkit.PageRequest;
import dev.orgkit.UserPrincipal;
import dev.orgkit.account.AccountId;
import dev.orgkit.account.Organization;
import dev.orgkit.apikey.ApiKey;
import dev.orgkit.apikey.ApiKeyId;
import dev.orgkit.apikey.CreatedApiKey;
import dev.orgkit.apikey.DailyUsage;
import dev.orgkit.apikey.Environment;
import dev.orgkit.apikey.KeyVerification;
import dev.orgkit.apikey.KeyVerification.Code;
import dev.orgkit.apikey.NewApiKey;
import dev.orgkit.apikey.UsageFlusher;
import dev.orgkit.audit.AuditAction;
import dev.orgkit.audit.AuditEvent;
import dev.orgkit.member.Role;
import dev.orgkit.policy.DenialCode;
import dev.orgkit.spi.SecretHash;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

/**
 * API keys: who creates, sees, revokes and rolls them (R9, R12), what {@code verify} answers,
 * usage counting, and that no secret leaks.
 *
 * @since 0.1.0
 */
public abstract class ApiKeysContract extends ContractFixture {
    private static final String KEY_SHAPE = "ok_(live|test)_[0-9A-Za-z]{36}";

    private final UserPrincipal ana = user("ana");
    private final UserPrincipal bob = user("bob");
    private final UserPrincipal eve = user("eve");

    // ---- creating and verifying ----

    @Test
    void an_admin_creates_a_key_that_verifies_for_its_account() {
        Organization org = acme(ana);
        CreatedApiKey created = kit.apiKeys().create(ana, org.id(), new NewApiKey("ci"));

        assertThat(created.secret()).matches(KEY_SHAPE).startsWith("ok_live_");
        ApiKey key = created.apiKey();
        assertThat(key.name()).isEqualTo("ci");
        assertThat(key.environment()).isEqualTo(Environment.LIVE);
        assertThat(key.accountId()).isEqualTo(org.id());
        assertThat(key.createdBy()).isEqualTo(ana.userId());
        assertThat(key.createdAt()).isEqualTo(START);
        assertThat(key.hint()).isEqualTo(created.secret().substring(0, 12) + "..."
                + created.secret().substring(created.secret().length() - 4));

        KeyVerification verification = kit.apiKeys().verify(created.secret());
        assertThat(verification.code()).isEqualTo(Code.VALID);
        assertThat(verification.keyId()).contains(key.id());
        assertThat(verification.accountId()).contains(org.id());
        assertThat(verification.environment()).contains(Environment.LIVE);
    }

    @Test
    void a_test_key_says_so_in_its_text_and_its_verification() {
        Organization org = acme(ana);
        CreatedApiKey created = kit.apiKeys().create(ana, org.id(), new NewApiKey("sandbox", Environment.TEST));
        assertThat(created.secret()).startsWith("ok_test_");
        assertThat(kit.apiKeys().verify(created.secret()).environment()).contains(Environment.TEST);
    }

    @Test
    void the_owner_of_a_personal_account_manages_its_keys() {
        AccountId mine = kit.accounts().personal(ana).id();
        CreatedApiKey created = kit.apiKeys().create(ana, mine, new NewApiKey("laptop"));
        assertThat(kit.apiKeys().verify(created.secret()).accountId()).contains(mine);
        assertThat(kit.apiKeys().revoke(ana, created.apiKey().id()).isRevoked()).isTrue();
    }

    @Test
    void a_key_of_one_account_never_verifies_as_anothers() {
        Organization acme = acme(ana);
        Organization globex = kit.organizations().create(bob, new dev.orgkit.account.NewOrganization(
                "Globex", "Globex SA", "alerts@globex.example", "billing@globex.example"));
        AccountId anasOwn = kit.accounts().personal(ana).id();
        List<CreatedApiKey> acmeKeys = List.of(kit.apiKeys().create(ana, acme.id(), new NewApiKey("a1")),
                kit.apiKeys().create(ana, acme.id(), new NewApiKey("a2")));
        List<CreatedApiKey> globexKeys = List.of(kit.apiKeys().create(bob, globex.id(), new NewApiKey("g1")));
        CreatedApiKey personal = kit.apiKeys().create(ana, anasOwn, new NewApiKey("p1"));

        acmeKeys.forEach(k -> assertThat(kit.apiKeys().verify(k.secret()).accountId()).contains(acme.id()));
        globexKeys.forEach(k -> assertThat(kit.apiKeys().verify(k.secret()).accountId()).contains(globex.id()));
        assertThat(kit.apiKeys().verify(personal.secret()).accountId()).contains(anasOwn);
        assertThat(kit.apiKeys().list(bob, globex.id(), PageRequest.first(50)).items())
                .extracting(ApiKey::id).containsExactly(globexKeys.get(0).apiKey().id());
    }

    @Test
    void text_that_is_not_a_key_is_malformed_and_an_unknown_key_is_not_found() {
        Organization org = acme(ana);
        String secret = kit.apiKeys().create(ana, org.id(), new NewApiKey("ci")).secret();
        for (String junk : new String[] {"", "ok", "Bearer " + secret, secret + "x", secret.substring(1),
                "xx" + secret.substring(2), secret.replace("ok_live_", "ok_prod_"), secret.toUpperCase()}) {
            assertThat(kit.apiKeys().verify(junk).code()).as(junk.isEmpty() ? "empty" : "junk").isEqualTo(Code.MALFORMED);
        }
        assertThat(kit.apiKeys().verify(null).code()).isEqualTo(Code.MALFORMED);

        String unknown = wellFormedKey("ok_live_", "NeverIssuedByThisKit0123456789");
        assertThat(kit.apiKeys().verify(unknown).code()).isEqualTo(Code.NOT_FOUND);
        assertThat(kit.apiKeys().verify(unknown).accountId()).isEmpty();
    }

    @Test
    void a_key_prefix_is_the_hosts_choice_and_keys_of_another_prefix_are_malformed() {
        OrgKit acmeKit = OrgKit.builder().storage(storage).mailer(mailer).clock(clock).apiKeyPrefix("acme2").build();
        Organization org = acme(ana);
        CreatedApiKey created = acmeKit.apiKeys().create(ana, org.id(), new NewApiKey("ci", Environment.TEST));
        assertThat(created.secret()).matches("acme2_test_[0-9A-Za-z]{36}");
        assertThat(acmeKit.apiKeys().verify(created.secret()).isValid()).isTrue();
        assertThat(kit.apiKeys().verify(created.secret()).code()).isEqualTo(Code.MALFORMED);
        for (String bad : new String[] {"", "Acme", "ac_me", "ac-me", "abcdefghijklmnopq"}) {
            assertThatThrownBy(() -> OrgKit.builder().apiKeyPrefix(bad)).as(bad)
                    .isInstanceOf(InvalidInputException.class);
        }
    }

    @Test
    void an_invalid_form_is_rejected_with_every_violation_and_changes_nothing() {
        Organization org = acme(ana);
        var problems = catchThrowable(() -> kit.apiKeys().create(ana, org.id(), new NewApiKey(" ", null,
                Optional.empty())));
        assertThat(problems).isInstanceOf(InvalidInputException.class);
        assertThat(((InvalidInputException) problems).violations())
                .extracting(InvalidInputException.Violation::field)
                .containsExactlyInAnyOrder("key.name", "key.environment");
        assertThatThrownBy(() -> kit.apiKeys().create(ana, org.id(), new NewApiKey("x".repeat(101))))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> kit.apiKeys().create(ana, org.id(), new NewApiKey("ci").expiringAt(START)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("expiresAt");
        assertThat(kit.apiKeys().list(ana, org.id(), PageRequest.first(50)).items()).isEmpty();
    }

    // ---- who sees and manages keys (R9, R12) ----

    @Test
    void every_member_sees_the_keys_hints_but_by_default_only_admins_manage_them() {
        Organization org = acme(ana);
        join(kit, org, bob, Role.MEMBER);
        CreatedApiKey created = kit.apiKeys().create(ana, org.id(), new NewApiKey("ci"));

        List<ApiKey> seen = kit.apiKeys().list(bob, org.id(), PageRequest.first(50)).items();
        assertThat(seen).extracting(ApiKey::hint).containsExactly(created.apiKey().hint());
        assertThat(kit.apiKeys().get(bob, created.apiKey().id())).isEqualTo(created.apiKey());

        assertThat(catchThrowable(() -> kit.apiKeys().create(bob, org.id(), new NewApiKey("mine"))))
                .isInstanceOfSatisfying(AccessDeniedException.class,
                        e -> assertThat(e.code()).isEqualTo(DenialCode.ADMIN_ROLE_REQUIRED));
        assertThatThrownBy(() -> kit.apiKeys().revoke(bob, created.apiKey().id()))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> kit.apiKeys().roll(bob, created.apiKey().id(), Duration.ZERO))
                .isInstanceOf(AccessDeniedException.class);
        assertThat(kit.apiKeys().verify(created.secret()).isValid()).isTrue();
        assertThat(kit.apiKeys().list(ana, org.id(), PageRequest.first(50)).items()).hasSize(1);
    }

    @Test
    void a_host_may_let_members_manage_keys() {
        OrgKit lenient = OrgKit.builder().storage(newStorage()).mailer(mailer).clock(clock)
                .membersManageApiKeys(true).build();
        Organization org = lenient.organizations().create(ana, new dev.orgkit.account.NewOrganization(
                "Acme", "Acme SAS", "alerts@acme.example", "billing@acme.example"));
        join(lenient, org, bob, Role.MEMBER);

        CreatedApiKey bobs = lenient.apiKeys().create(bob, org.id(), new NewApiKey("bob's"));
        assertThat(lenient.apiKeys().verify(bobs.secret()).isValid()).isTrue();
        CreatedApiKey rolled = lenient.apiKeys().roll(bob, bobs.apiKey().id(), Duration.ZERO);
        assertThat(lenient.apiKeys().revoke(bob, rolled.apiKey().id()).isRevoked()).isTrue();
        assertThat(lenient.apiKeys().verify(rolled.secret()).code()).isEqualTo(Code.REVOKED);
    }

    @Test
    void a_non_member_learns_nothing_about_an_organizations_keys() {
        Organization org = acme(ana);
        ApiKeyId id = kit.apiKeys().create(ana, org.id(), new NewApiKey("ci")).apiKey().id();
        ApiKeyId unknown = ApiKeyId.of("key_does_not_exist");

        String messageForUnknown = catchThrowable(() -> kit.apiKeys().get(eve, unknown)).getMessage();
        assertThat(catchThrowable(() -> kit.apiKeys().get(eve, id)))
                .isInstanceOf(NotFoundException.class).hasMessage(messageForUnknown);
        assertThat(catchThrowable(() -> kit.apiKeys().revoke(eve, id)))
                .isInstanceOf(NotFoundException.class).hasMessage(messageForUnknown);
        assertThat(catchThrowable(() -> kit.apiKeys().roll(eve, id, Duration.ZERO)))
                .isInstanceOf(NotFoundException.class).hasMessage(messageForUnknown);
        assertThatThrownBy(() -> kit.apiKeys().list(eve, org.id(), PageRequest.first(50)))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> kit.apiKeys().create(eve, org.id(), new NewApiKey("x")))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> kit.usage().daily(eve, org.id(), LocalDate.of(2026, 1, 1), LocalDate.of(2026, 1, 5)))
                .isInstanceOf(NotFoundException.class);
        assertThat(kit.apiKeys().get(ana, id).isRevoked()).isFalse();
    }

    @Test
    void the_keys_list_is_paged_in_creation_order() {
        Organization org = acme(ana);
        List<ApiKeyId> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            created.add(kit.apiKeys().create(ana, org.id(), new NewApiKey("key " + i)).apiKey().id());
            clock.advance(Duration.ofMillis(1));
        }
        List<ApiKeyId> listed = new ArrayList<>();
        Page<ApiKey> page = kit.apiKeys().list(ana, org.id(), PageRequest.first(2));
        listed.addAll(page.items().stream().map(ApiKey::id).toList());
        int pages = 1;
        while (page.nextCursor().isPresent()) {
            page = kit.apiKeys().list(ana, org.id(), PageRequest.after(page.nextCursor().get(), 2));
            listed.addAll(page.items().stream().map(ApiKey::id).toList());
            pages++;
        }
        assertThat(pages).isEqualTo(3);
        assertThat(listed).containsExactlyElementsOf(created);
    }

    // ---- revoking, rolling, expiring ----

    @Test
    void a_revoked_key_is_refused_at_once_and_for_good() {
        Organization org = acme(ana);
        CreatedApiKey created = kit.apiKeys().create(ana, org.id(), new NewApiKey("ci"));
        ApiKey revoked = kit.apiKeys().revoke(ana, created.apiKey().id());

        assertThat(revoked.revokedAt()).contains(START);
        assertThat(kit.apiKeys().verify(created.secret()).code()).isEqualTo(Code.REVOKED);
        assertThat(kit.apiKeys().revoke(ana, created.apiKey().id())).isEqualTo(revoked);
        assertThat(catchThrowable(() -> kit.apiKeys().roll(ana, created.apiKey().id(), Duration.ZERO)))
                .isInstanceOfSatisfying(ConflictException.class,
                        e -> assertThat(e.code()).isEqualTo(DenialCode.API_KEY_INACTIVE));
        clock.advance(Duration.ofDays(400));
        assertThat(kit.apiKeys().verify(created.secret()).code()).isEqualTo(Code.REVOKED);
        assertThat(kit.apiKeys().list(ana, org.id(), PageRequest.first(50)).items())
                .singleElement().satisfies(key -> assertThat(key.isRevoked()).isTrue());
    }

    @Test
    void a_revocation_takes_effect_immediately_while_other_threads_verify() throws Exception {
        Organization org = acme(ana);
        CreatedApiKey created = kit.apiKeys().create(ana, org.id(), new NewApiKey("ci"));
        int threads = 4;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        var revokeReturned = new AtomicBoolean();
        var stop = new AtomicBoolean();
        var validBefore = new AtomicLong();
        var validAfterRevoke = new AtomicLong();
        var refusedAfterRevoke = new AtomicLong();
        var started = new CountDownLatch(threads);
        try {
            List<Future<?>> verifiers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                verifiers.add(pool.submit(() -> {
                    started.countDown();
                    while (!stop.get()) {
                        boolean after = revokeReturned.get();
                        KeyVerification v = kit.apiKeys().verify(created.secret());
                        if (!after) {
                            validBefore.addAndGet(v.isValid() ? 1 : 0);
                        } else if (v.isValid()) {
                            validAfterRevoke.incrementAndGet();
                        } else {
                            refusedAfterRevoke.incrementAndGet();
                        }
                    }
                }));
            }
            assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
            while (validBefore.get() < 1000) {
                Thread.onSpinWait();
            }
            kit.apiKeys().revoke(ana, created.apiKey().id());
            revokeReturned.set(true);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (refusedAfterRevoke.get() < 1000 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            stop.set(true);
            for (Future<?> verifier : verifiers) {
                verifier.get(10, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(validAfterRevoke.get()).as("verifications that started after revoke returned and passed").isZero();
        assertThat(refusedAfterRevoke.get()).isGreaterThanOrEqualTo(1000);
    }

    @Test
    void a_rolled_key_gets_a_new_secret_and_the_old_one_works_for_the_overlap_only() {
        Organization org = acme(ana);
        CreatedApiKey old = kit.apiKeys().create(ana, org.id(), new NewApiKey("ci", Environment.TEST));
        clock.advance(Duration.ofMinutes(1));
        CreatedApiKey rolled = kit.apiKeys().roll(ana, old.apiKey().id(), Duration.ofHours(1));

        assertThat(rolled.secret()).isNotEqualTo(old.secret()).startsWith("ok_test_");
        assertThat(rolled.apiKey().id()).isNotEqualTo(old.apiKey().id());
        assertThat(rolled.apiKey().name()).isEqualTo("ci");
        assertThat(kit.apiKeys().get(ana, old.apiKey().id()).expiresAt()).contains(clock.instant().plus(Duration.ofHours(1)));
        assertThat(kit.apiKeys().verify(old.secret()).code()).isEqualTo(Code.VALID);
        assertThat(kit.apiKeys().verify(rolled.secret()).keyId()).contains(rolled.apiKey().id());

        clock.advance(Duration.ofMinutes(59));
        assertThat(kit.apiKeys().verify(old.secret()).code()).isEqualTo(Code.VALID);
        clock.advance(Duration.ofMinutes(1));
        assertThat(kit.apiKeys().verify(old.secret()).code()).isEqualTo(Code.EXPIRED);
        assertThat(kit.apiKeys().verify(rolled.secret()).code()).isEqualTo(Code.VALID);
        assertThat(catchThrowable(() -> kit.apiKeys().roll(ana, old.apiKey().id(), Duration.ZERO)))
                .isInstanceOf(ConflictException.class);
    }

    @Test
    void a_roll_with_no_overlap_ends_the_old_secret_at_once_and_overlaps_are_at_most_seven_days() {
        Organization org = acme(ana);
        CreatedApiKey old = kit.apiKeys().create(ana, org.id(), new NewApiKey("ci"));
        ApiKeyId id = old.apiKey().id();
        assertThatThrownBy(() -> kit.apiKeys().roll(ana, id, Duration.ofDays(7).plusSeconds(1)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("overlap");
        assertThatThrownBy(() -> kit.apiKeys().roll(ana, id, Duration.ofSeconds(-1)))
                .isInstanceOf(InvalidInputException.class);
        assertThat(kit.apiKeys().verify(old.secret()).isValid()).isTrue();

        CreatedApiKey rolled = kit.apiKeys().roll(ana, id, Duration.ZERO);
        assertThat(kit.apiKeys().verify(old.secret()).code()).isEqualTo(Code.EXPIRED);
        CreatedApiKey longest = kit.apiKeys().roll(ana, rolled.apiKey().id(), Duration.ofDays(7));
        clock.advance(Duration.ofDays(7).minusSeconds(1));
        assertThat(kit.apiKeys().verify(rolled.secret()).isValid()).isTrue();
        clock.advance(Duration.ofSeconds(1));
        assertThat(kit.apiKeys().verify(rolled.secret()).code()).isEqualTo(Code.EXPIRED);
        assertThat(kit.apiKeys().verify(longest.secret()).isValid()).isTrue();
    }

    @Test
    void a_roll_with_no_overlap_ends_the_old_secret_at_once_even_within_a_millisecond() {
        // Real clocks read microseconds; verification compares in whole milliseconds.
        OrgKit kit = OrgKit.builder().storage(newStorage()).mailer(mailer)
                .clock(new MutableClock(START.plusNanos(456_789))).build();
        Organization org = kit.organizations().create(ana, new dev.orgkit.account.NewOrganization(
                "Acme", "Acme SAS", "alerts@acme.example", "billing@acme.example"));
        CreatedApiKey old = kit.apiKeys().create(ana, org.id(), new NewApiKey("ci"));

        kit.apiKeys().roll(ana, old.apiKey().id(), Duration.ZERO);

        assertThat(kit.apiKeys().verify(old.secret()).code()).isEqualTo(Code.EXPIRED);
    }

    @Test
    void a_key_is_rolled_once_and_a_second_roll_of_it_leaves_its_replacement_alone() {
        Organization org = acme(ana);
        CreatedApiKey old = kit.apiKeys().create(ana, org.id(), new NewApiKey("ci"));
        CreatedApiKey rolled = kit.apiKeys().roll(ana, old.apiKey().id(), Duration.ofHours(1));

        assertThatThrownBy(() -> kit.apiKeys().roll(ana, old.apiKey().id(), Duration.ofHours(1)))
                .isInstanceOfSatisfying(ConflictException.class,
                        e -> assertThat(e.code()).isEqualTo(DenialCode.API_KEY_INACTIVE));
        assertThat(kit.apiKeys().get(ana, old.apiKey().id()).rolledTo()).contains(rolled.apiKey().id());

        clock.advance(Duration.ofDays(365));
        assertThat(kit.apiKeys().verify(rolled.secret()).isValid()).as("the replacement never expires").isTrue();
        assertThat(kit.apiKeys().verify(old.secret()).code()).isEqualTo(Code.EXPIRED);
    }

    @Test
    void a_key_with_an_expiry_stops_working_when_it_expires_and_its_roll_keeps_the_expiry() {
        Organization org = acme(ana);
        Instant expiry = START.plus(Duration.ofDays(30));
        CreatedApiKey created = kit.apiKeys().create(ana, org.id(), new NewApiKey("temp").expiringAt(expiry));
        assertThat(created.apiKey().expiresAt()).contains(expiry);
        CreatedApiKey rolled = kit.apiKeys().roll(ana, created.apiKey().id(), Duration.ofDays(7));
        assertThat(rolled.apiKey().expiresAt()).contains(expiry);

        clock.advance(Duration.ofDays(30).minusMillis(1));
        assertThat(kit.apiKeys().verify(rolled.secret()).isValid()).isTrue();
        clock.advance(Duration.ofMillis(1));
        assertThat(kit.apiKeys().verify(rolled.secret()).code()).isEqualTo(Code.EXPIRED);
        assertThat(kit.apiKeys().verify(created.secret()).code()).isEqualTo(Code.EXPIRED);
    }

    @Test
    void a_key_written_by_a_transaction_that_rolled_back_never_verifies() {
        Organization org = acme(ana);
        String secret = kit.apiKeys().create(ana, org.id(), new NewApiKey("ci")).secret();
        String other = wellFormedKey("ok_live_", "RolledBackKeyNeverCommitted012");
        assertThat(other).isNotEqualTo(secret);
        SecretHash hash = sha256(other);
        var key = new ApiKey(ApiKeyId.of("key_rolled_back"), org.id(), "ghost", Environment.LIVE, "ok_live_....",
                ana.userId(), START, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
        assertThatThrownBy(() -> storage.write(tx -> {
            tx.apiKeys().insert(key, hash);
            throw new IllegalStateException("simulated failure after the insert");
        })).isInstanceOf(RuntimeException.class);
        assertThat(storage.apiKeyByHash(hash)).isEmpty();
        Optional<ApiKey> stored = storage.read(tx -> tx.apiKeys().find(key.id()));
        assertThat(stored).isEmpty();
        assertThat(kit.apiKeys().list(ana, org.id(), PageRequest.first(50)).items()).hasSize(1);
    }

    // ---- usage ----

    @Test
    void usage_is_counted_per_key_and_day_and_reaches_storage_when_flushed() {
        Organization org = acme(ana);
        join(kit, org, bob, Role.MEMBER);
        CreatedApiKey ci = kit.apiKeys().create(ana, org.id(), new NewApiKey("ci"));
        CreatedApiKey web = kit.apiKeys().create(ana, org.id(), new NewApiKey("web"));
        LocalDate day1 = LocalDate.ofInstant(START, ZoneOffset.UTC);
        repeat(3, () -> kit.apiKeys().verify(ci.secret()));
        repeat(2, () -> kit.apiKeys().verify(web.secret()));
        kit.apiKeys().verify("ok_live_not_a_key");

        assertThat(kit.usage().daily(ana, org.id(), day1, day1)).singleElement()
                .satisfies(day -> assertThat(day.requests()).as("nothing before a flush").isZero());
        assertThat(kit.apiKeys().flushUsage()).isEqualTo(5);
        assertThat(kit.apiKeys().flushUsage()).isZero();

        clock.advance(Duration.ofDays(1));
        Instant lastUse = clock.instant();
        kit.apiKeys().verify(ci.secret());
        kit.apiKeys().revoke(ana, web.apiKey().id());
        kit.apiKeys().verify(web.secret());
        assertThat(kit.apiKeys().flushUsage()).isEqualTo(1);

        List<DailyUsage> usage = kit.usage().daily(ana, org.id(), day1, day1.plusDays(2));
        assertThat(usage).extracting(DailyUsage::day).containsExactly(day1, day1.plusDays(1), day1.plusDays(2));
        assertThat(usage).extracting(DailyUsage::requests).containsExactly(5L, 1L, 0L);
        assertThat(usage.get(0).byKey()).containsEntry(ci.apiKey().id(), 3L).containsEntry(web.apiKey().id(), 2L);
        assertThat(usage.get(1).byKey()).containsOnlyKeys(ci.apiKey().id());
        assertThat(kit.apiKeys().get(ana, ci.apiKey().id()).lastUsedAt()).contains(lastUse);
        assertThat(kit.apiKeys().get(ana, web.apiKey().id()).lastUsedAt()).contains(START);

        assertThat(catchThrowable(() -> kit.usage().daily(bob, org.id(), day1, day1)))
                .isInstanceOfSatisfying(AccessDeniedException.class,
                        e -> assertThat(e.code()).isEqualTo(DenialCode.ADMIN_ROLE_REQUIRED));
        assertThatThrownBy(() -> kit.usage().daily(ana, org.id(), day1.plusDays(1), day1))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> kit.usage().daily(ana, org.id(), day1, day1.plusDays(366)))
                .isInstanceOf(InvalidInputException.class);
    }

    @Test
    void every_verification_is_flushed_exactly_once_while_threads_verify_and_flush_at_once() throws Exception {
        Organization org = acme(ana);
        CreatedApiKey created = kit.apiKeys().create(ana, org.id(), new NewApiKey("ci"));
        int threads = 4;
        int perThread = 5_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long flushed = 0;
        try {
            List<Future<?>> verifiers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                verifiers.add(pool.submit(() -> repeat(perThread, () -> kit.apiKeys().verify(created.secret()))));
            }
            while (!verifiers.stream().allMatch(Future::isDone)) {
                flushed += kit.apiKeys().flushUsage();
            }
            for (Future<?> verifier : verifiers) {
                verifier.get();
            }
        } finally {
            pool.shutdownNow();
        }
        flushed += kit.apiKeys().flushUsage();
        LocalDate today = LocalDate.ofInstant(START, ZoneOffset.UTC);
        assertThat(flushed).isEqualTo((long) threads * perThread);
        assertThat(kit.usage().daily(ana, org.id(), today, today).get(0).requests()).isEqualTo(flushed);
    }

    @Test
    void the_background_flusher_writes_usage_until_it_is_closed_and_flushes_once_more_on_close() {
        Organization org = acme(ana);
        CreatedApiKey created = kit.apiKeys().create(ana, org.id(), new NewApiKey("ci"));
        LocalDate today = LocalDate.ofInstant(START, ZoneOffset.UTC);
        assertThatThrownBy(() -> kit.apiKeys().startUsageFlusher(Duration.ofMillis(10)))
                .isInstanceOf(InvalidInputException.class);
        try (UsageFlusher flusher = kit.apiKeys().startUsageFlusher(Duration.ofMillis(100))) {
            kit.apiKeys().verify(created.secret());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (kit.usage().daily(ana, org.id(), today, today).get(0).requests() == 0
                    && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertThat(kit.usage().daily(ana, org.id(), today, today).get(0).requests()).isEqualTo(1);
            repeat(2, () -> kit.apiKeys().verify(created.secret()));
            flusher.close();
            assertThat(kit.usage().daily(ana, org.id(), today, today).get(0).requests()).isEqualTo(3);
        }
    }

    // ---- audit and secrecy ----

    @Test
    void every_key_command_is_audited_and_no_secret_appears_in_events_errors_or_text() {
        Organization org = acme(ana);
        CreatedApiKey created = kit.apiKeys().create(ana, org.id(), new NewApiKey("ci"));
        CreatedApiKey rolled = kit.apiKeys().roll(ana, created.apiKey().id(), Duration.ofHours(1));
        kit.apiKeys().revoke(ana, rolled.apiKey().id());
        kit.apiKeys().verify(created.secret());
        kit.apiKeys().flushUsage();

        List<AuditEvent> events = kit.audit().list(ana, org.id(), PageRequest.first(50)).items();
        assertThat(events).extracting(AuditEvent::action).containsSubsequence(
                AuditAction.API_KEY_REVOKED, AuditAction.API_KEY_ROLLED, AuditAction.API_KEY_CREATED);
        assertThat(events).filteredOn(e -> e.action() == AuditAction.API_KEY_CREATED).singleElement()
                .satisfies(e -> assertThat(e.target()).isEqualTo(created.apiKey().id().value()));

        List<String> texts = new ArrayList<>();
        events.forEach(e -> texts.add(e.toString()));
        texts.add(created.toString());
        texts.add(rolled.toString());
        texts.add(kit.apiKeys().list(ana, org.id(), PageRequest.first(50)).toString());
        texts.add(kit.apiKeys().verify(created.secret()).toString());
        for (String secret : List.of(created.secret(), rolled.secret())) {
            String body = secret.substring(8);
            texts.add(catchThrowable(() -> kit.apiKeys().create(ana, org.id(), new NewApiKey(secret.repeat(3))))
                    .getMessage());
            texts.add(catchThrowable(() -> ApiKeyId.of(secret + "\n")).getMessage());
            texts.add(catchThrowable(() -> kit.apiKeys().roll(ana, rolled.apiKey().id(), Duration.ZERO)).getMessage());
            for (String text : texts) {
                assertThat(text).doesNotContain(body).doesNotContain(sha256(secret).hex());
            }
        }
    }

    // ---- helpers ----

    /** Makes {@code user} a member of {@code org} (administered by ana) with {@code role}, through an invitation. */
    private void join(OrgKit on, Organization org, UserPrincipal user, Role role) {
        on.members().invite(ana, org.id(), user.verifiedEmail().value(), role);
        on.invitations().accept(user, mailer.lastTokenFor(user.verifiedEmail().value()));
    }

    /** A key in the documented format, with its CRC32 checksum, that no kit created. */
    private static String wellFormedKey(String prefixAndEnvironment, String random) {
        String base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
        var crc = new CRC32();
        crc.update(random.getBytes(StandardCharsets.US_ASCII));
        long value = crc.getValue();
        char[] checksum = new char[6];
        for (int i = 5; i >= 0; i--) {
            checksum[i] = base62.charAt((int) (value % 62));
            value /= 62;
        }
        return prefixAndEnvironment + random + new String(checksum);
    }

    private static void repeat(int times, Runnable action) {
        for (int i = 0; i < times; i++) {
            action.run();
        }
    }

    private static SecretHash sha256(String secret) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
            return new SecretHash(HexFormat.of().formatHex(digest));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
