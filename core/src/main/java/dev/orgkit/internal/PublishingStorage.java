package dev.orgkit.internal;

import dev.orgkit.audit.AuditEvent;
import dev.orgkit.spi.ApiKeyRecord;
import dev.orgkit.spi.EventListener;
import dev.orgkit.spi.ReadTransaction;
import dev.orgkit.spi.SecretHash;
import dev.orgkit.spi.Storage;
import dev.orgkit.spi.WriteTransaction;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The host's storage, with change events: it remembers the audit events each write transaction
 * appends through {@link Kernel}, and once {@link Storage#write} returns (the transaction committed)
 * hands them to the {@link EventListener}s, in order. Every service runs its commands through it, so
 * every command publishes without doing anything itself. Thread-safe.
 */
final class PublishingStorage implements Storage {
    private static final Logger LOG = LoggerFactory.getLogger(PublishingStorage.class);

    private final Storage delegate;
    private final List<EventListener> listeners;
    private final Map<WriteTransaction, List<AuditEvent>> open = Collections.synchronizedMap(new IdentityHashMap<>());

    PublishingStorage(Storage delegate, List<EventListener> listeners) {
        this.delegate = delegate;
        this.listeners = List.copyOf(listeners);
    }

    @Override
    public <T> T read(Function<? super ReadTransaction, ? extends T> work) {
        return delegate.read(work);
    }

    /** The host storage's own lookup: its lock-free index or its cache, not a read transaction. */
    @Override
    public Optional<ApiKeyRecord> apiKeyByHash(SecretHash hash) {
        return delegate.apiKeyByHash(hash);
    }

    @Override
    public <T> T write(Function<? super WriteTransaction, ? extends T> work) {
        if (listeners.isEmpty()) {
            return delegate.write(work);
        }
        List<AuditEvent> appended = new ArrayList<>();
        T result = delegate.write(tx -> {
            appended.clear();
            open.put(tx, appended);
            try {
                return work.apply(tx);
            } finally {
                open.remove(tx);
            }
        });
        publish(appended);
        return result;
    }

    /** Notes that {@code tx} appended {@code event}, to publish it if {@code tx} commits. */
    void appended(WriteTransaction tx, AuditEvent event) {
        List<AuditEvent> events = open.get(tx);
        if (events != null) {
            events.add(event);
        }
    }

    private void publish(List<AuditEvent> events) {
        for (AuditEvent event : events) {
            for (EventListener listener : listeners) {
                try {
                    listener.onEvent(event);
                } catch (RuntimeException e) {
                    // The exception's message is the listener's and may hold anything: log its class only.
                    LOG.warn("Event listener {} failed on event {} ({}) with {}; the change stands.",
                            listener.getClass().getName(), event.id(), event.action(), e.getClass().getName());
                }
            }
        }
    }
}
