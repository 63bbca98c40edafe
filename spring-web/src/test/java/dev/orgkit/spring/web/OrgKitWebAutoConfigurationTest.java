package dev.orgkit.spring.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orgkit.OrgKit;
import dev.orgkit.Principal;
import dev.orgkit.inmemory.InMemoryStorage;
import dev.orgkit.spi.Mailer;
import dev.orgkit.spring.boot.autoconfigure.OrgKitAutoConfiguration;
import dev.orgkit.spring.web.internal.AccountsController;
import dev.orgkit.spring.web.internal.ProblemAdvice;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.security.core.context.SecurityContextHolder;

/** When the HTTP API is mounted, with which caller resolver, and what a host can replace or turn off. */
class OrgKitWebAutoConfigurationTest {
    private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(OrgKitWebAutoConfiguration.class));

    private static OrgKit kit() {
        return OrgKit.builder().storage(InMemoryStorage.create()).mailer(mail -> {}).build();
    }

    @Test
    void without_an_orgkit_bean_nothing_is_mounted() {
        runner.run(context -> assertThat(context).doesNotHaveBean(AccountsController.class));
    }

    @Test
    void with_an_orgkit_bean_and_spring_security_the_api_is_mounted_with_the_provided_resolver() {
        runner.withBean(OrgKit.class, OrgKitWebAutoConfigurationTest::kit).run(context -> {
            assertThat(context).hasSingleBean(AccountsController.class).hasSingleBean(ProblemAdvice.class);
            assertThat(context).hasSingleBean(SpringSecurityPrincipalResolver.class);
            assertThat(context.getBean(OrgKitWebProperties.class).basePath()).isEqualTo("/orgkit/api/v1");
        });
    }

    @Test
    void the_starters_orgkit_bean_mounts_the_api_whichever_order_the_auto_configurations_are_listed_in() {
        new WebApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(OrgKitWebAutoConfiguration.class, OrgKitAutoConfiguration.class))
                .withBean(Mailer.class, () -> mail -> {})
                .withPropertyValues("orgkit.invitation-link=https://app.example/invitations/{token}")
                .run(context -> {
                    // The order is declared by name (the starter is not a dependency): the name must stay the class's.
                    assertThat(OrgKitWebAutoConfiguration.class.getAnnotation(AutoConfiguration.class).afterName())
                            .contains(OrgKitAutoConfiguration.class.getName());
                    assertThat(context).hasNotFailed().hasSingleBean(OrgKit.class);
                    assertThat(context).hasSingleBean(AccountsController.class).hasSingleBean(ProblemAdvice.class);
                });
    }

    @Test
    void a_hosts_own_resolver_replaces_the_provided_one() {
        OrgKitPrincipalResolver own = request -> Optional.of(Principal.user("u-1", "u1@example.com"));
        runner.withBean(OrgKit.class, OrgKitWebAutoConfigurationTest::kit)
                .withBean(OrgKitPrincipalResolver.class, () -> own)
                .run(context -> {
                    assertThat(context).doesNotHaveBean(SpringSecurityPrincipalResolver.class);
                    assertThat(context.getBean(OrgKitPrincipalResolver.class)).isSameAs(own);
                });
    }

    @Test
    void without_spring_security_or_a_resolver_the_start_fails_saying_what_to_declare() {
        runner.withBean(OrgKit.class, OrgKitWebAutoConfigurationTest::kit)
                .withClassLoader(new FilteredClassLoader(SecurityContextHolder.class))
                .run(context -> assertThat(context).getFailure().rootCause()
                        .hasMessageContaining("declare an OrgKitPrincipalResolver bean"));
    }

    @Test
    void the_api_is_turned_off_by_orgkit_web_enabled_false() {
        runner.withBean(OrgKit.class, OrgKitWebAutoConfigurationTest::kit)
                .withPropertyValues("orgkit.web.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(AccountsController.class));
    }

    @Test
    void a_base_path_with_a_trailing_slash_stops_the_start() {
        runner.withBean(OrgKit.class, OrgKitWebAutoConfigurationTest::kit)
                .withPropertyValues("orgkit.web.base-path=/api/")
                .run(context -> assertThat(context).getFailure().rootCause()
                        .hasMessageContaining("orgkit.web.base-path must start with '/'"));
    }
}
