package dev.orgkit.spi;

import dev.orgkit.apikey.KeyVerification;
import java.time.Duration;

/**
 * Observes what the kit does, for metrics: every key verification with its code, and every call of
 * the kit's services (commands and queries) with its outcome and duration. Register it with
 * {@code OrgKit.builder().observer(observer)}; several may be registered. Without one, nothing is
 * observed and nothing is paid: the services are not wrapped at all.
 *
 * <h2>Contract</h2>
 * <ul>
 *   <li>Called on the thread that made the call, after it returned or threw; never with a secret
 *       (no key, no token, no argument of the call).</li>
 *   <li>{@link #verified} runs on the hot path of every API call: it must be quick and must not
 *       block (increment a counter, no I/O).</li>
 *   <li>An exception it throws is logged (its class only) and changes nothing for the caller.</li>
 *   <li>Must be thread-safe.</li>
 * </ul>
 *
 * <p>Delivery attempts are not reported here: each attempt writes an audit event
 * ({@code INVITATION_MAIL_SENT}, {@code _FAILED}, {@code _GIVEN_UP}) that an {@link EventListener}
 * receives after commit.
 *
 * @since 0.2.0
 */
public interface Observer {

    /** A key was verified (by {@code kit.apiKeys().verify}) with this outcome. */
    default void verified(KeyVerification.Code code) {}

    /**
     * A call of a service returned or threw.
     *
     * @param command the service and method, such as {@code members.invite} or {@code api_keys.roll}
     * @param outcome how it ended
     * @param duration how long it took
     */
    default void completed(String command, Outcome outcome, Duration duration) {}

    /**
     * How a call of a service ended: a small, fixed set, fit for a metric's tag.
     *
     * @since 0.2.0
     */
    enum Outcome {
        /** It returned. */
        SUCCESS,
        /** Bad input ({@code InvalidInputException}). */
        INVALID_INPUT,
        /** A rule refused it ({@code AccessDeniedException}, other than {@code NOT_FOUND}). */
        DENIED,
        /** Nothing to act on, or hidden from the principal ({@code NotFoundException}, or a {@code NOT_FOUND} denial). */
        NOT_FOUND,
        /** A duplicate or a stale version ({@code ConflictException}). */
        CONFLICT,
        /** The storage failed ({@code StorageException}). */
        STORAGE_ERROR,
        /** Any other exception. */
        ERROR
    }
}
