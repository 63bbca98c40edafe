package dev.orgkit.spring.boot.autoconfigure;

import dev.orgkit.smtp.MailRenderer;
import dev.orgkit.spi.Mailer;
import dev.orgkit.spring.boot.autoconfigure.internal.JavaMailSenderMailer;
import dev.orgkit.spring.boot.autoconfigure.internal.OrgKitStartupException;
import jakarta.mail.internet.MimeMessage;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSender;

/**
 * A {@link Mailer} on Spring's {@link JavaMailSender} (there is one when {@code spring.mail.host} is
 * set), rendering with {@code spi-smtp}'s {@link MailRenderer} (or the application's bean of
 * that type). Backs off when the application defines a {@link Mailer}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass({JavaMailSender.class, MimeMessage.class, MailRenderer.class})
class OrgKitMailConfiguration {

    @Bean
    @ConditionalOnMissingBean(Mailer.class)
    @ConditionalOnBean(JavaMailSender.class)
    JavaMailSenderMailer orgKitMailer(JavaMailSender sender, OrgKitProperties properties,
            ObjectProvider<MailRenderer> renderer) {
        OrgKitProperties.Mail mail = properties.mail();
        if (mail.from() == null || mail.from().isBlank()) {
            throw new OrgKitStartupException("orgkit sends invitation mails through Spring's JavaMailSender"
                    + " (spring.mail.*), but orgkit.mail.from is not set.",
                    "Set orgkit.mail.from to the address invitation mails come from, such as"
                    + " invitations@app.example (and orgkit.mail.from-name to its display name).");
        }
        return new JavaMailSenderMailer(sender, renderer.getIfAvailable(MailRenderer::new), mail.from(),
                mail.fromName());
    }
}
