package dev.orgkit.spring.boot.autoconfigure.internal;

import org.springframework.context.SmartLifecycle;

/**
 * The lifecycle phase of orgkit's background work. Phases stop from the highest to the lowest, and
 * every phase stops before any bean is destroyed (HikariCP closes its pool on destruction, not in a
 * phase). Spring Boot stops the web server's graceful shutdown at {@code DEFAULT_PHASE - 1024} and
 * the web server at {@code DEFAULT_PHASE - 2048}; orgkit's phase is below both, so requests have
 * stopped (no verification is left uncounted) when the last usage flush runs, and the
 * {@code DataSource} is still open for it.
 */
final class Phases {
    /** Below the web server's phases. */
    static final int ORGKIT = SmartLifecycle.DEFAULT_PHASE - 4096;

    private Phases() {}
}
