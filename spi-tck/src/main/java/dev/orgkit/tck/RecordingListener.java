package dev.orgkit.tck;

import dev.orgkit.audit.AuditEvent;
import dev.orgkit.spi.EventListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An {@link EventListener} that keeps every event it hears, in order. Thread-safe.
 *
 * @since 0.1.0
 */
public final class RecordingListener implements EventListener {
    private final List<AuditEvent> heard = new CopyOnWriteArrayList<>();

    @Override
    public void onEvent(AuditEvent event) {
        heard.add(event);
    }

    /** Every event heard so far, oldest first. */
    public List<AuditEvent> events() {
        return List.copyOf(heard);
    }

    /** How many events were heard so far. */
    public int count() {
        return heard.size();
    }

    /** The events heard after the first {@code skipped}, oldest first. */
    public List<AuditEvent> since(int skipped) {
        List<AuditEvent> all = events();
        return List.copyOf(all.subList(Math.min(skipped, all.size()), all.size()));
    }
}
