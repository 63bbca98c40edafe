package dev.orgkit.spring.boot.autoconfigure;

import dev.orgkit.InvalidInputException;
import dev.orgkit.OrgKit;
import dev.orgkit.spi.EventListener;
import dev.orgkit.spi.Mailer;
import dev.orgkit.spi.Observer;
import dev.orgkit.spi.Storage;
import dev.orgkit.spring.boot.autoconfigure.internal.InvitationLinks;
import dev.orgkit.spring.boot.autoconfigure.internal.OrgKitStartupException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;

/**
 * The {@link OrgKit} bean, with its {@link Storage} ({@code JdbcStorage} on the application's
 * {@code DataSource}, else in memory) and its {@link Mailer} (the application's, else one on Spring's
 * {@code JavaMailSender}), configured by {@link OrgKitProperties}. Every {@link EventListener} and
 * {@link Observer} bean is registered on the kit, and every {@link OrgKitBuilderCustomizer} applied.
 * Each bean backs off when the application defines its own.
 *
 * <p>Start-up fails, saying what to set, when there is no way to send mail or no
 * {@code orgkit.invitation-link}: invitations are never silently lost.
 *
 * @since 0.2.0
 */
@AutoConfiguration(afterName = {
        "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
        "org.springframework.boot.mail.autoconfigure.MailSenderAutoConfiguration"})
@EnableConfigurationProperties(OrgKitProperties.class)
@Import({OrgKitStorageConfiguration.Jdbc.class, OrgKitStorageConfiguration.InMemory.class,
        OrgKitMailConfiguration.class})
public final class OrgKitAutoConfiguration {

    /** Creates the auto-configuration; Spring calls it. */
    public OrgKitAutoConfiguration() {}

    /** The kit, closed with the context (its background work stops and usage is flushed). */
    @Bean
    @ConditionalOnMissingBean
    OrgKit orgKit(Storage storage, ObjectProvider<Mailer> mailer, OrgKitProperties properties,
            ObjectProvider<EventListener> eventListeners, ObjectProvider<Observer> observers,
            ObjectProvider<OrgKitBuilderCustomizer> customizers, Environment environment) {
        // Two mailers and no @Primary: Boot reports the ambiguity itself (NoUniqueBeanDefinitionException).
        Mailer chosen = mailer.getIfAvailable();
        if (chosen == null) {
            throw noMailer(environment);
        }
        String link = properties.invitationLink();
        if (link == null || link.isBlank()) {
            throw new OrgKitStartupException("orgkit sends invitation mails, but orgkit.invitation-link is not set:"
                    + " the mails need the link that opens your application's invitation page.",
                    "Set orgkit.invitation-link to an absolute URL with {token} where the token goes, such as"
                    + " https://app.example/invitations/{token}.");
        }
        OrgKitProperties.Delivery delivery = properties.delivery();
        if (delivery.backoffCap().compareTo(delivery.backoffBase()) < 0) {
            throw new OrgKitStartupException("orgkit.delivery.backoff-cap (" + delivery.backoffCap()
                    + ") is shorter than orgkit.delivery.backoff-base (" + delivery.backoffBase() + ").",
                    "Set orgkit.delivery.backoff-cap to at least orgkit.delivery.backoff-base.");
        }
        OrgKit.Builder builder;
        try {
            builder = OrgKit.builder()
                    .storage(storage)
                    .mailer(chosen)
                    .apiKeyPrefix(properties.apiKeyPrefix())
                    .invitationLink(InvitationLinks.of(link))
                    .invitationTimeToLive(properties.invitationTtl())
                    .supportRequestTimeToLive(properties.supportRequestTtl())
                    .organizationRestoreWindow(properties.organizationRestoreWindow())
                    .membersManageApiKeys(properties.membersManageApiKeys())
                    .keyExpiryNotice(properties.apiKeys().expiryNotice())
                    .deliveryBackoff(delivery.backoffBase(), delivery.backoffCap())
                    .deliveryMaxAttempts(delivery.maxAttempts())
                    .deliveryLease(delivery.lease());
        } catch (InvalidInputException e) {
            // The properties' own validation rules these out; this names them if core's rules are stricter.
            throw new OrgKitStartupException("An orgkit.* property has a value orgkit refuses: " + e.getMessage(),
                    "Fix the orgkit.* property named above (see docs/spring-boot.md).", e);
        }
        eventListeners.orderedStream().forEach(builder::eventListener);
        observers.orderedStream().forEach(builder::observer);
        customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
        return builder.build();
    }

    private static OrgKitStartupException noMailer(Environment environment) {
        if (environment.containsProperty("spring.mail.host")) {
            return new OrgKitStartupException("spring.mail.host is set, but there is no JavaMailSender bean for"
                    + " orgkit to send invitation mails with.",
                    "Add org.springframework.boot:spring-boot-starter-mail to the application's dependencies,"
                    + " or define a dev.orgkit.spi.Mailer bean.");
        }
        return new OrgKitStartupException("orgkit has no way to send invitation mails: there is neither a"
                + " dev.orgkit.spi.Mailer bean nor mail configured with spring.mail.host.",
                "Set spring.mail.host (with spring-boot-starter-mail) and orgkit.mail.from, or define a"
                + " dev.orgkit.spi.Mailer bean.");
    }
}
