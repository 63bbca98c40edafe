package dev.orgkit.spring.web;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.BeforeAll;

/** API keys, usage, audit, permissions and support, on the PostgreSQL server of {@code ORGKIT_POSTGRES_URL} (skipped without it). */
class PostgresApiFlowsMoreTest extends ApiFlowsMore {
    @BeforeAll
    static void needsPostgres() {
        assumeTrue(PostgresOnly.configured(), PostgresOnly.SKIPPED);
    }

    @Override
    String storage() {
        return "postgres";
    }
}
