package dev.orgkit.spring.web;

/** Whether the PostgreSQL suites run: only when {@code ORGKIT_POSTGRES_URL} names a server, which must then be reachable. */
final class PostgresOnly {
    static final String SKIPPED = "ORGKIT_POSTGRES_URL is not set, so the PostgreSQL suites are skipped (set it, e.g."
            + " jdbc:postgresql://127.0.0.1:5432/test?user=postgres, to run them)";

    private PostgresOnly() {}

    static boolean configured() {
        String url = System.getenv("ORGKIT_POSTGRES_URL");
        return url != null && !url.isBlank();
    }
}
