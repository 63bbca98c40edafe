package dev.orgkit.examples.webapp.users;

import dev.orgkit.SupportPrincipal;
import dev.orgkit.UserPrincipal;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Lets a controller method take the signed-in user as orgkit sees it: a {@link UserPrincipal}
 * parameter for customers' pages, a {@link SupportPrincipal} for the support console (the app's
 * controllers only). Security already decided who reaches which page; this only converts.
 */
@Configuration(proxyBeanMethods = false)
public class CurrentPrincipal implements WebMvcConfigurer, HandlerMethodArgumentResolver {
    private static final String APP_PACKAGE = "dev.orgkit.examples.webapp";

    /** The signed-in user, if any. */
    public static @Nullable AppUser signedIn() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth != null && auth.getPrincipal() instanceof AppUser user ? user : null;
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(this);
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        Class<?> type = parameter.getParameterType();
        // orgkit's HTTP API resolves its callers itself (OrgKitPrincipalResolver, in SecurityConfig).
        return (type == UserPrincipal.class || type == SupportPrincipal.class)
                && parameter.getContainingClass().getPackageName().startsWith(APP_PACKAGE);
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, @Nullable ModelAndViewContainer mav,
            NativeWebRequest request, @Nullable WebDataBinderFactory binders) {
        AppUser user = signedIn();
        if (user == null) {
            throw new IllegalStateException("the security configuration lets no anonymous request reach this page");
        }
        return parameter.getParameterType() == UserPrincipal.class ? user.userPrincipal() : user.supportPrincipal();
    }
}
