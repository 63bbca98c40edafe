package dev.orgkit.examples.webapp;

import dev.orgkit.OrgKit;
import dev.orgkit.jdbc.JdbcStorage;
import dev.orgkit.spi.Mailer;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Builds the {@link OrgKit} bean on the application's {@link DataSource} and runs its background
 * work (the invitation mail dispatcher and the API key usage flusher) with the application.
 *
 * <p><strong>Replaced by {@code orgkit-spring-boot-starter} when it lands:</strong> its
 * {@code OrgKitAutoConfiguration} provides the same bean (migrations on the {@code DataSource}, the
 * host's {@link Mailer} bean, the dispatcher and flusher as lifecycle beans, the same {@code orgkit.*}
 * properties). This class is the only place in the app that knows how the kit is built; delete it
 * and add the starter dependency.
 */
@Configuration(proxyBeanMethods = false)
public class OrgKitWiring {

    /** The kit, on the bundled schema (applied at start, idempotently), sending mail through the host's mailer. */
    @Bean(destroyMethod = "close")
    OrgKit orgKit(DataSource dataSource, Mailer mailer, ObjectProvider<Clock> clock,
            @Value("${orgkit.invitation-link:/invitations/{token}}") String invitationLink,
            @Value("${orgkit.api-key-prefix:ok}") String apiKeyPrefix) {
        OrgKit.Builder builder = OrgKit.builder()
                .storage(JdbcStorage.migrate(dataSource))
                .mailer(mailer)
                .apiKeyPrefix(apiKeyPrefix)
                .invitationLink(token -> URI.create(invitationLink.replace("{token}", token)));
        clock.ifAvailable(builder::clock);
        return builder.build();
    }

    /** Dispatches invitation mails that are due (retries of failed ones) while the app runs. */
    @Bean
    SmartLifecycle orgKitDispatcher(OrgKit kit,
            @Value("${orgkit.delivery.dispatch-interval:30s}") Duration interval) {
        return new Background(() -> kit.deliveries().startDispatcher(interval));
    }

    /** Writes buffered API key usage to the storage while the app runs, and once more when it stops. */
    @Bean
    SmartLifecycle orgKitUsageFlusher(OrgKit kit, @Value("${orgkit.usage.flush-interval:5s}") Duration interval) {
        return new Background(() -> kit.apiKeys().startUsageFlusher(interval));
    }

    /** A background task started with the application context and closed before the kit is. */
    private static final class Background implements SmartLifecycle {
        private final Supplier<AutoCloseable> start;
        private volatile @Nullable AutoCloseable running;

        Background(Supplier<AutoCloseable> start) {
            this.start = start;
        }

        @Override
        public void start() {
            running = start.get();
        }

        @Override
        public void stop() {
            AutoCloseable task = running;
            running = null;
            if (task != null) {
                try {
                    task.close();
                } catch (Exception e) {
                    throw new IllegalStateException("could not stop an orgkit background task", e);
                }
            }
        }

        @Override
        public boolean isRunning() {
            return running != null;
        }
    }
}
