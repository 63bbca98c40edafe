package dev.orgkit.tck.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SeedsTest {
    @Test
    void a_fixed_seed_comes_from_the_system_property() {
        String before = System.getProperty(Seeds.PROPERTY);
        try {
            System.setProperty(Seeds.PROPERTY, " 1234 ");
            assertThat(Seeds.seed("test")).isEqualTo(1234L);
        } finally {
            if (before == null) {
                System.clearProperty(Seeds.PROPERTY);
            } else {
                System.setProperty(Seeds.PROPERTY, before);
            }
        }
    }
}
