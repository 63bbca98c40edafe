package dev.orgkit.apikey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orgkit.UserId;
import dev.orgkit.account.AccountId;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ApiKeyValuesTest {
    private static final Instant T0 = Instant.parse("2026-01-05T09:00:00Z");
    private final ApiKey key = new ApiKey(ApiKeyId.of("key_1"), AccountId.of("org_1"), "ci", Environment.LIVE,
            "ok_live_AbCd...wXyZ", UserId.of("u-ana"), T0, Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty());

    @Test
    void a_created_key_never_shows_its_secret_in_text() {
        String secret = "ok_live_AbCdEfGhIjKlMnOpQrStUvWxYz01232piBxe";
        assertThat(new CreatedApiKey(secret, key).toString()).doesNotContain(secret).doesNotContain("EfGh")
                .contains("<redacted>").contains("key_1");
    }

    @Test
    void a_verification_carries_the_key_account_and_environment_only_when_valid() {
        KeyVerification valid = KeyVerification.valid(key);
        assertThat(valid.isValid()).isTrue();
        assertThat(valid.accountId()).contains(AccountId.of("org_1"));
        assertThat(KeyVerification.of(KeyVerification.Code.REVOKED).accountId()).isEmpty();
        assertThatThrownBy(() -> KeyVerification.of(KeyVerification.Code.VALID))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new KeyVerification(KeyVerification.Code.NOT_FOUND, Optional.of(key.id()),
                Optional.empty(), Optional.empty())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_key_is_active_until_revoked_or_until_its_expiry() {
        ApiKey expiring = key.rolledTo(ApiKeyId.of("key_2"), T0.plusSeconds(60));
        assertThat(expiring.rolledTo()).contains(ApiKeyId.of("key_2"));
        assertThat(expiring.isActiveAt(T0.plusSeconds(59))).isTrue();
        assertThat(expiring.isActiveAt(T0.plusSeconds(60))).isFalse();
        assertThat(key.withRevokedAt(T0).isActiveAt(T0.minusSeconds(1))).isFalse();
        assertThat(key.isActiveAt(T0.plusSeconds(1_000_000_000))).isTrue();
    }

    @Test
    void the_last_use_only_moves_forward() {
        ApiKey used = key.withLastUsedAt(T0.plusSeconds(10));
        assertThat(used.withLastUsedAt(T0.plusSeconds(5)).lastUsedAt()).contains(T0.plusSeconds(10));
        assertThat(used.withLastUsedAt(T0.plusSeconds(20)).lastUsedAt()).contains(T0.plusSeconds(20));
    }

    @Test
    void environments_are_written_live_and_test() {
        assertThat(Environment.LIVE.text()).isEqualTo("live");
        assertThat(Environment.fromText("test")).contains(Environment.TEST);
        assertThat(Environment.fromText("prod")).isEmpty();
    }
}
