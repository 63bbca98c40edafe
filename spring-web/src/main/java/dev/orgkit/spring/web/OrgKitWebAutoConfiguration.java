package dev.orgkit.spring.web;

import dev.orgkit.OrgKit;
import dev.orgkit.spring.web.internal.AccountsController;
import dev.orgkit.spring.web.internal.ApiKeysController;
import dev.orgkit.spring.web.internal.BodySizeLimit;
import dev.orgkit.spring.web.internal.CallerArgumentResolver;
import dev.orgkit.spring.web.internal.FallbackController;
import dev.orgkit.spring.web.internal.InvitationsController;
import dev.orgkit.spring.web.internal.OpenApiDescription;
import dev.orgkit.spring.web.internal.OrganizationsController;
import dev.orgkit.spring.web.internal.ProblemAdvice;
import dev.orgkit.spring.web.internal.SupportController;
import java.util.List;
import org.springdoc.core.models.GroupedOpenApi;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.ClaimAccessor;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Mounts orgkit's HTTP API under {@code orgkit.web.base-path} in a servlet web application that
 * has an {@link OrgKit} bean (the starter's, or the host's own). Callers are named by the
 * {@link OrgKitPrincipalResolver} bean: the host's, or with Spring Security on the classpath the
 * provided {@link SpringSecurityPrincipalResolver}. {@code orgkit.web.enabled=false} turns it off.
 *
 * @since 0.2.0
 */
@AutoConfiguration(afterName = "dev.orgkit.spring.boot.autoconfigure.OrgKitAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(DispatcherServlet.class)
@ConditionalOnBean(OrgKit.class)
@ConditionalOnBooleanProperty(name = "orgkit.web.enabled", matchIfMissing = true)
@EnableConfigurationProperties(OrgKitWebProperties.class)
public final class OrgKitWebAutoConfiguration {

    /** Created by Spring. */
    public OrgKitWebAutoConfiguration() {}

    @Bean
    WebMvcConfigurer orgKitCallers(ObjectProvider<OrgKitPrincipalResolver> resolvers) {
        OrgKitPrincipalResolver resolver = resolvers.getIfAvailable(() -> {
            throw new IllegalStateException("orgkit's HTTP API needs to know who calls it: declare an"
                    + " OrgKitPrincipalResolver bean, or add Spring Security (with OAuth2 login or a JWT resource"
                    + " server) for the provided one. Or set orgkit.web.enabled=false.");
        });
        return new WebMvcConfigurer() {
            @Override
            public void addArgumentResolvers(List<HandlerMethodArgumentResolver> argumentResolvers) {
                argumentResolvers.add(new CallerArgumentResolver(resolver));
            }
        };
    }

    @Bean
    @ConditionalOnMissingBean
    ProblemAdvice orgKitProblemAdvice() {
        return new ProblemAdvice();
    }

    @Bean
    @ConditionalOnMissingBean
    BodySizeLimit orgKitBodySizeLimit(OrgKitWebProperties properties) {
        return new BodySizeLimit(properties.maxBodySize().toBytes());
    }

    @Bean
    @ConditionalOnMissingBean
    AccountsController orgKitAccountsController(OrgKit kit) {
        return new AccountsController(kit);
    }

    @Bean
    @ConditionalOnMissingBean
    OrganizationsController orgKitOrganizationsController(OrgKit kit) {
        return new OrganizationsController(kit);
    }

    @Bean
    @ConditionalOnMissingBean
    InvitationsController orgKitInvitationsController(OrgKit kit) {
        return new InvitationsController(kit);
    }

    @Bean
    @ConditionalOnMissingBean
    ApiKeysController orgKitApiKeysController(OrgKit kit, OrgKitWebProperties properties) {
        return new ApiKeysController(kit, properties.basePath());
    }

    @Bean
    @ConditionalOnMissingBean
    SupportController orgKitSupportController(OrgKit kit, OrgKitWebProperties properties) {
        return new SupportController(kit, properties.basePath());
    }

    @Bean
    @ConditionalOnMissingBean
    FallbackController orgKitFallbackController(ObjectProvider<RequestMappingHandlerMapping> mappings) {
        return new FallbackController(mappings);
    }

    /** The provided resolver, when Spring Security (with OAuth2) is there and the host has none. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass({SecurityContextHolder.class, ClaimAccessor.class})
    static class SpringSecurityCallers {
        @Bean
        @ConditionalOnMissingBean(OrgKitPrincipalResolver.class)
        SpringSecurityPrincipalResolver orgKitPrincipalResolver(OrgKitWebProperties properties) {
            return SpringSecurityPrincipalResolver.of(properties);
        }
    }

    /** The OpenAPI description of the API, when springdoc is there. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(GroupedOpenApi.class)
    static class OpenApi {
        @Bean
        @ConditionalOnMissingBean(name = "orgKitOpenApi")
        GroupedOpenApi orgKitOpenApi(OrgKitWebProperties properties) {
            return OpenApiDescription.group(properties.basePath());
        }
    }
}
