package dev.orgkit.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class SecretHashTest {

    @Test
    void a_hash_made_from_a_digest_equals_the_same_hash_read_back_as_hex() throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest("ok_live_x".getBytes(StandardCharsets.UTF_8));
        SecretHash fromDigest = SecretHash.ofDigest(digest);
        SecretHash fromHex = new SecretHash(HexFormat.of().formatHex(digest));
        assertThat(fromDigest).isEqualTo(fromHex).hasSameHashCodeAs(fromHex);
        assertThat(fromDigest.hex()).isEqualTo(fromHex.hex());
        assertThat(fromDigest.toString()).doesNotContain(fromHex.hex().substring(0, 8));
    }

    @Test
    void anything_but_sixty_four_lower_case_hex_digits_is_refused() {
        for (String bad : new String[] {"", "0".repeat(63), "0".repeat(65), "A".repeat(64), "g".repeat(64)}) {
            assertThatThrownBy(() -> new SecretHash(bad)).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> SecretHash.ofDigest(new byte[31])).isInstanceOf(IllegalArgumentException.class);
    }
}
