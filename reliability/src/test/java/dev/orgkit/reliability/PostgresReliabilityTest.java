package dev.orgkit.reliability;

import org.junit.jupiter.api.Test;

/** The harness's short run on the PostgreSQL server of {@code ORGKIT_POSTGRES_URL} (skipped when it is not set). */
class PostgresReliabilityTest {
    @Test
    void three_processes_killed_and_disconnected_on_postgresql_keep_every_promise() throws Exception {
        ReliabilityRun.runOn("ORGKIT_POSTGRES_URL");
    }
}
