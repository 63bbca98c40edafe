package dev.orgkit.spring.boot.autoconfigure.internal;

import dev.orgkit.apikey.KeyVerification;
import dev.orgkit.audit.AuditAction;
import dev.orgkit.audit.AuditEvent;
import dev.orgkit.spi.EventListener;
import dev.orgkit.spi.Observer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * orgkit's meters, fed by the kit: {@code orgkit.api_keys.verifications} (a counter per
 * verification code), {@code orgkit.commands} (a timer per command and outcome) and
 * {@code orgkit.deliveries.attempts} (a counter per outcome: {@code SENT}, {@code FAILED},
 * {@code GIVEN_UP}, from the audit events each attempt writes). Verification counters are made up
 * front, so a verification only increments one. Thread-safe.
 */
public final class OrgKitMeters implements Observer, EventListener {
    /** Counts verifications, tagged by code. */
    public static final String VERIFICATIONS = "orgkit.api_keys.verifications";
    /** Times the calls of the services, tagged by command and outcome. */
    public static final String COMMANDS = "orgkit.commands";
    /** Counts attempts to send an invitation mail, tagged by outcome. */
    public static final String ATTEMPTS = "orgkit.deliveries.attempts";

    private final MeterRegistry registry;
    private final Map<KeyVerification.Code, Counter> verifications = new EnumMap<>(KeyVerification.Code.class);
    private final Map<String, Map<Outcome, Timer>> commands = new ConcurrentHashMap<>();
    private final Counter sent;
    private final Counter failed;
    private final Counter givenUp;

    /** Registers the meters in {@code registry}. */
    public OrgKitMeters(MeterRegistry registry) {
        this.registry = registry;
        for (KeyVerification.Code code : KeyVerification.Code.values()) {
            verifications.put(code, Counter.builder(VERIFICATIONS).description("API key verifications, by outcome")
                    .tag("code", code.name()).register(registry));
        }
        this.sent = attempts("SENT");
        this.failed = attempts("FAILED");
        this.givenUp = attempts("GIVEN_UP");
    }

    private Counter attempts(String outcome) {
        return Counter.builder(ATTEMPTS).description("Attempts to send an invitation mail, by outcome")
                .tag("outcome", outcome).register(registry);
    }

    @Override
    public void verified(KeyVerification.Code code) {
        verifications.get(code).increment();
    }

    @Override
    public void completed(String command, Outcome outcome, Duration duration) {
        commands.computeIfAbsent(command, name -> new ConcurrentHashMap<>())
                .computeIfAbsent(outcome, o -> Timer.builder(COMMANDS)
                        .description("Calls of orgkit's services, by command and outcome")
                        .tag("command", command).tag("outcome", o.name()).register(registry))
                .record(duration);
    }

    @Override
    public void onEvent(AuditEvent event) {
        AuditAction action = event.action();
        if (action == AuditAction.INVITATION_MAIL_SENT) {
            sent.increment();
        } else if (action == AuditAction.INVITATION_MAIL_FAILED) {
            failed.increment();
        } else if (action == AuditAction.INVITATION_MAIL_GIVEN_UP) {
            givenUp.increment();
        }
    }
}
