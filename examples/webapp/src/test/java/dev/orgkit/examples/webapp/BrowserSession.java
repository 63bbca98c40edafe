package dev.orgkit.examples.webapp;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The one app and the two browsers (Ana's and Bob's) that every browser test class of a run shares:
 * started once, when the first class asks for them, and closed when the run ends. Chromium starts
 * while Spring does.
 */
final class BrowserSession implements AutoCloseable {
    final RunningApp app;
    final Browser ana;
    final Browser bob;

    private BrowserSession(RunningApp app, Browser ana, Browser bob) {
        this.app = app;
        this.ana = ana;
        this.bob = bob;
    }

    private static BrowserSession start() {
        CompletableFuture<RunningApp> starting = CompletableFuture.supplyAsync(RunningApp::start);
        CompletableFuture<Browser> ana = CompletableFuture.supplyAsync(() -> Browser.start(starting));
        Browser bob = Browser.start(starting);
        BrowserSession session = new BrowserSession(starting.join(), ana.join(), bob);
        System.out.println("orgkit web app started in " + session.app.startMillis + " ms");
        return session;
    }

    /** Closes the browsers, then the app, even if one of them fails to close. */
    @Override
    public void close() throws IOException {
        try {
            try {
                bob.close();
            } finally {
                ana.close();
            }
        } finally {
            app.close();
        }
    }

    /** Gives a test's {@code @BeforeAll} method the shared session. */
    static final class Resolver implements ParameterResolver {
        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == BrowserSession.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                    .getOrComputeIfAbsent(BrowserSession.class, key -> start(), BrowserSession.class);
        }
    }
}
