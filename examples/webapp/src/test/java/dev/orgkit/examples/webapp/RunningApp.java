package dev.orgkit.examples.webapp;

import dev.orgkit.OrgKit;
import dev.orgkit.spring.boot.autoconfigure.OrgKitBuilderCustomizer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;

/**
 * The web app as a test runs it: started with {@link SpringApplication} on a free port, on an
 * in-memory H2 database of its own, with a clock the test can move (given to the starter's kit by an
 * {@link OrgKitBuilderCustomizer}), logging to a file the test reads. The port is chosen before the
 * start, because the invitation mails' absolute links ({@code orgkit.invitation-link}) name it.
 */
final class RunningApp implements AutoCloseable {
    final MutableClock clock = new MutableClock();
    final Path log;
    final ConfigurableApplicationContext context;
    final String baseUrl;
    final long startMillis;

    RunningApp() throws IOException {
        log = Files.createTempFile("orgkit-webapp", ".log");
        var app = new SpringApplication(WebApp.class);
        app.addInitializers(ctx -> ((GenericApplicationContext) ctx).registerBean(OrgKitBuilderCustomizer.class,
                () -> builder -> builder.clock(clock)));
        long start = System.nanoTime();
        // application.properties derives orgkit.invitation-link from server.port.
        context = app.run(
                "--server.port=" + freePort(),
                "--spring.datasource.url=jdbc:h2:mem:webapp-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
                "--logging.file.name=" + log,
                "--spring.main.banner-mode=off",
                "--orgkit.usage.flush-interval=200ms");
        startMillis = (System.nanoTime() - start) / 1_000_000;
        baseUrl = "http://localhost:" + context.getEnvironment().getProperty("local.server.port");
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Starts the app, for a test that starts other things at the same time. */
    static RunningApp start() {
        try {
            return new RunningApp();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    OrgKit kit() {
        return context.getBean(OrgKit.class);
    }

    String logText() throws IOException {
        return Files.readString(log);
    }

    @Override
    public void close() throws IOException {
        context.close();
        Files.deleteIfExists(log);
    }
}
