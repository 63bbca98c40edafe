package dev.orgkit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orgkit.InvalidInputException;
import dev.orgkit.apikey.Environment;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ApiKeyFormatTest {
    private final ApiKeyFormat format = new ApiKeyFormat("ok");
    private final Secrets secrets = new Secrets(new SplittableRandom(42));

    @Test
    void a_minted_key_is_prefix_environment_thirty_random_characters_and_a_six_character_checksum() {
        String key = format.mint(Environment.LIVE, secrets);
        assertThat(key).matches("ok_live_[0-9A-Za-z]{36}").hasSize(format.length());
        String random = key.substring(8, 38);
        assertThat(key.substring(38)).isEqualTo(ApiKeyFormat.checksum(random));
        assertThat(format.mint(Environment.TEST, secrets)).startsWith("ok_test_");
    }

    @Test
    void the_checksum_is_the_crc32_of_the_random_part_in_six_base62_digits() {
        // Expected values computed independently (Python's zlib.crc32, then base62 with 0-9A-Za-z).
        assertThat(ApiKeyFormat.checksum("a".repeat(30))).isEqualTo("1yLcDB");
        assertThat(ApiKeyFormat.checksum("0".repeat(30))).isEqualTo("2C8GjS");
        assertThat(ApiKeyFormat.checksum("AbCdEfGhIjKlMnOpQrStUvWxYz0123")).isEqualTo("2piBxe");
    }

    @Test
    void a_well_formed_key_parses_to_its_environment() {
        assertThat(format.parse("ok_live_" + "a".repeat(30) + "1yLcDB")).isEqualTo(Environment.LIVE);
        assertThat(format.parse("ok_test_" + "0".repeat(30) + "2C8GjS")).isEqualTo(Environment.TEST);
    }

    @Test
    void anything_else_is_rejected_before_any_lookup() {
        String random = "AbCdEfGhIjKlMnOpQrStUvWxYz0123";
        String good = "ok_live_" + random + "2piBxe";
        assertThat(format.parse(good)).isEqualTo(Environment.LIVE);
        for (String bad : new String[] {
                null, "", good + "0", good.substring(1), "ko_live_" + random + "2piBxe",
                "ok_prod_" + random + "2piBxe", "ok-live_" + random + "2piBxe", "ok_live-" + random + "2piBxe",
                "ok_live_" + random + "2piBxf", "ok_live_" + random.replace('A', '-') + "2piBxe",
                "ok_live_" + random.replace('A', 'é') + "2piBxe", "ok_live_" + random + "2piBx-",
                "ok_live_" + random + "zzzzzz", "OK_LIVE_" + random + "2piBxe"}) {
            assertThat(format.parse(bad)).as(String.valueOf(bad)).isNull();
        }
    }

    @Test
    void the_hint_shows_prefix_environment_and_the_first_and_last_four_characters() {
        assertThat(format.hint("ok_live_AbCdEfGhIjKlMnOpQrStUvWxYz01232piBxe")).isEqualTo("ok_live_AbCd...iBxe");
        assertThat(new ApiKeyFormat("acme").hint("acme_test_AbCdEfGhIjKlMnOpQrStUvWxYz01232piBxe"))
                .isEqualTo("acme_test_AbCd...iBxe");
    }

    @Test
    void the_random_part_uses_the_whole_base62_alphabet() {
        Set<Character> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            format.mint(Environment.LIVE, secrets).substring(8, 38).chars().forEach(c -> seen.add((char) c));
        }
        assertThat(seen).hasSize(62);
    }

    @Test
    void a_prefix_is_one_to_sixteen_lower_case_letters_or_digits() {
        assertThat(new ApiKeyFormat("a").prefix()).isEqualTo("a");
        assertThat(new ApiKeyFormat("abcdefgh12345678").length()).isEqualTo(16 + 42);
        for (String bad : new String[] {"", "Ok", "o_k", "o-k", "abcdefgh123456789", " ok"}) {
            assertThatThrownBy(() -> new ApiKeyFormat(bad)).as(bad).isInstanceOf(InvalidInputException.class);
        }
    }
}
