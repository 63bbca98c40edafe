package dev.orgkit.spring.web;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.BeforeAll;

/** Every refusal, on the PostgreSQL server of {@code ORGKIT_POSTGRES_URL} (skipped without it). */
class PostgresApiRefusalsTest extends ApiRefusals {
    @BeforeAll
    static void needsPostgres() {
        assumeTrue(PostgresOnly.configured(), PostgresOnly.SKIPPED);
    }

    @Override
    String storage() {
        return "postgres";
    }
}
