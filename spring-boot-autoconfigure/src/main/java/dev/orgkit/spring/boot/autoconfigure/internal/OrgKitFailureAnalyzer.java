package dev.orgkit.spring.boot.autoconfigure.internal;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns an {@link OrgKitStartupException} into Spring Boot's "APPLICATION FAILED TO START" report. */
public final class OrgKitFailureAnalyzer extends AbstractFailureAnalyzer<OrgKitStartupException> {
    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, OrgKitStartupException cause) {
        return new FailureAnalysis(cause.getMessage(), cause.action(), cause);
    }
}
