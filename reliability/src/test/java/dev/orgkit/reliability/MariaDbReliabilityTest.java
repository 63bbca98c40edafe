package dev.orgkit.reliability;

import org.junit.jupiter.api.Test;

/** The harness's short run on the MariaDB server of {@code ORGKIT_MARIADB_URL} (skipped when it is not set). */
class MariaDbReliabilityTest {
    @Test
    void three_processes_killed_and_disconnected_on_mariadb_keep_every_promise() throws Exception {
        ReliabilityRun.runOn("ORGKIT_MARIADB_URL");
    }
}
