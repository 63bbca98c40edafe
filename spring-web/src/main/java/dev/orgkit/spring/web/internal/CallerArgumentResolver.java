package dev.orgkit.spring.web.internal;

import dev.orgkit.AccessDeniedException;
import dev.orgkit.Principal;
import dev.orgkit.SupportPrincipal;
import dev.orgkit.UserPrincipal;
import dev.orgkit.policy.DenialCode;
import dev.orgkit.spring.web.OrgKitPrincipalResolver;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Gives orgkit's controllers their caller: a {@link Principal} parameter gets whoever the host's
 * {@link OrgKitPrincipalResolver} names (nobody: 401), a {@link UserPrincipal} parameter a signed-in
 * user (a support agent is refused with {@code NOT_FOR_SUPPORT}), a {@link SupportPrincipal}
 * parameter a support agent (a user is refused with {@code SUPPORT_ONLY}). Only for the controllers
 * of this package, whose errors the problem advice maps.
 */
public final class CallerArgumentResolver implements HandlerMethodArgumentResolver {
    private final OrgKitPrincipalResolver principals;

    /** Resolves callers with the host's resolver. */
    public CallerArgumentResolver(OrgKitPrincipalResolver principals) {
        this.principals = Objects.requireNonNull(principals, "principals");
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return Principal.class.isAssignableFrom(parameter.getParameterType())
                && parameter.getContainingClass().getPackageName().equals(CallerArgumentResolver.class.getPackageName());
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, @Nullable ModelAndViewContainer container,
            NativeWebRequest request, @Nullable WebDataBinderFactory binders) {
        HttpServletRequest servletRequest = Objects.requireNonNull(request.getNativeRequest(HttpServletRequest.class));
        Principal caller = principals.resolve(servletRequest).orElseThrow(NotSignedInException::new);
        Class<?> wanted = parameter.getParameterType();
        if (wanted == UserPrincipal.class && !(caller instanceof UserPrincipal)) {
            throw new AccessDeniedException(DenialCode.NOT_FOR_SUPPORT.denial());
        }
        if (wanted == SupportPrincipal.class && !(caller instanceof SupportPrincipal)) {
            throw new AccessDeniedException(DenialCode.SUPPORT_ONLY.denial());
        }
        return caller;
    }

    /** Nobody is signed in: the problem advice answers 401. */
    static final class NotSignedInException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NotSignedInException() {
            super("No one is signed in.", null, false, false);
        }
    }
}
