package dev.orgkit.spring.boot.autoconfigure.internal;

import dev.orgkit.audit.AuditEvent;
import dev.orgkit.spi.EventListener;
import dev.orgkit.spring.boot.autoconfigure.OrgKitEvent;
import org.springframework.context.ApplicationEventPublisher;

/** Publishes each committed orgkit change as an {@link OrgKitEvent} application event. */
public final class SpringEventPublishingListener implements EventListener {
    private final ApplicationEventPublisher publisher;

    /** Publishes through {@code publisher}. */
    public SpringEventPublishingListener(ApplicationEventPublisher publisher) {
        this.publisher = publisher;
    }

    @Override
    public void onEvent(AuditEvent event) {
        publisher.publishEvent(new OrgKitEvent(event));
    }
}
