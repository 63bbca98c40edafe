package dev.orgkit.delivery;

/**
 * A running background dispatcher, started by {@link Deliveries#startDispatcher}. Closing it stops
 * it: no new round starts, and {@link #close()} returns once the current round has finished.
 *
 * @since 0.1.0
 */
public interface BackgroundDispatcher extends AutoCloseable {

    /** Stops the dispatcher and waits for the round in progress, if any. Closing twice does nothing. */
    @Override
    void close();
}
