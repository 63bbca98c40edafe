package dev.orgkit.spring.boot.autoconfigure;

import dev.orgkit.Principal;
import dev.orgkit.UserPrincipal;
import dev.orgkit.account.NewOrganization;
import dev.orgkit.mail.InvitationMail;
import dev.orgkit.mail.OrgKitMail;
import dev.orgkit.spi.Mailer;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.Environment;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.support.SpringFactoriesLoader;

/** What the auto-configuration tests share: principals, an organization, a mailer that keeps its mails. */
final class Fixtures {
    static final UserPrincipal ANA = Principal.user("u-ana", "ana@example.com");
    static final UserPrincipal BOB = Principal.user("u-bob", "bob@example.com");
    static final NewOrganization ACME =
            new NewOrganization("Acme", "Acme SAS", "alerts@acme.example", "billing@acme.example");
    static final String LINK = "orgkit.invitation-link=https://app.example/invitations/{token}";

    private Fixtures() {}

    /** orgkit's auto-configurations, with a link and a recording mailer: all the kit needs to start. */
    static ApplicationContextRunner runner() {
        return withoutMailer().withBean(RecordingMailer.class, RecordingMailer::new);
    }

    /** orgkit's auto-configurations with a link, and no mailer yet. */
    static ApplicationContextRunner withoutMailer() {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(OrgKitAutoConfiguration.class,
                        OrgKitLifecycleAutoConfiguration.class, OrgKitEventsAutoConfiguration.class))
                .withPropertyValues(LINK);
    }

    /** {@code runner} with a DataSource on a fresh H2 database, kept until the JVM ends. */
    static ApplicationContextRunner withH2(ApplicationContextRunner runner) {
        return runner.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class))
                .withPropertyValues("spring.datasource.url=" + h2Url());
    }

    /** {@link #runner()} with a DataSource on a fresh H2 database, kept until the JVM ends. */
    static ApplicationContextRunner withH2() {
        return withH2(runner());
    }

    /** A fresh in-memory H2 database that outlives its connections. */
    static String h2Url() {
        return "jdbc:h2:mem:starter-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    }

    /** A mailer that keeps every mail. */
    static final class RecordingMailer implements Mailer {
        final List<InvitationMail> sent = new CopyOnWriteArrayList<>();
        final List<OrgKitMail> notices = new CopyOnWriteArrayList<>();

        @Override
        public void send(OrgKitMail mail) {
            if (mail instanceof InvitationMail invitation) {
                sent.add(invitation);
            } else {
                notices.add(mail);
            }
        }
    }

    /**
     * What Spring Boot reports when start-up fails with {@code failure}: the analysis of the first of
     * the application's failure analyzers (Boot's and orgkit's) that recognizes it.
     */
    static FailureAnalysis analyze(Throwable failure) {
        var arguments = SpringFactoriesLoader.ArgumentResolver.of(BeanFactory.class, new DefaultListableBeanFactory())
                .and(Environment.class, new StandardEnvironment());
        for (FailureAnalyzer analyzer : SpringFactoriesLoader.forDefaultResourceLocation(Fixtures.class.getClassLoader())
                .load(FailureAnalyzer.class, arguments)) {
            FailureAnalysis analysis = analyzer.analyze(failure);
            if (analysis != null) {
                return analysis;
            }
        }
        throw new AssertionError("no failure analyzer recognizes " + failure);
    }
}
