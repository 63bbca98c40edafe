package dev.orgkit.spring.web.internal;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.condition.PathPatternsRequestCondition;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every request under the base path that no other endpoint takes: an unknown route (404), a
 * known route with another method (405 with {@code Allow}), or a known route and method whose
 * representations the client does not accept (406), so that these too are answered with orgkit's
 * problem details rather than the host's error page.
 */
@Hidden
@RestController
public class FallbackController {
    private final ObjectProvider<RequestMappingHandlerMapping> mappings;

    /** Looks the routes up in the application's handler mappings when a request misses them all. */
    public FallbackController(ObjectProvider<RequestMappingHandlerMapping> mappings) {
        this.mappings = mappings;
    }

    /**
     * Answers 404, or 405 listing the methods the route has (and an {@code OPTIONS} request with
     * them), or 406 listing the media types the route and method produce.
     */
    @RequestMapping("${orgkit.web.base-path:/orgkit/api/v1}/**")
    public ResponseEntity<Void> fallback(HttpServletRequest request)
            throws HttpRequestMethodNotSupportedException, HttpMediaTypeNotAcceptableException {
        Set<String> allowed = allowedMethods(request);
        if (allowed.isEmpty()) {
            throw new NoSuchRouteException();
        }
        if (allowed.contains(request.getMethod())) {
            // The route has this method: the request missed it only by the representation it accepts.
            throw new HttpMediaTypeNotAcceptableException(producible(request));
        }
        if (HttpMethod.OPTIONS.matches(request.getMethod())) {
            return ResponseEntity.noContent().header(HttpHeaders.ALLOW, String.join(", ", allowed)).build();
        }
        throw new HttpRequestMethodNotSupportedException(request.getMethod(), allowed);
    }

    private Set<String> allowedMethods(HttpServletRequest request) {
        Set<String> allowed = new TreeSet<>();
        mappings.orderedStream().forEach(mapping -> {
            for (Map.Entry<RequestMappingInfo, HandlerMethod> route : mapping.getHandlerMethods().entrySet()) {
                PathPatternsRequestCondition paths = route.getKey().getPathPatternsCondition();
                if (route.getValue().getBeanType() != FallbackController.class && paths != null
                        && paths.getMatchingCondition(request) != null) {
                    route.getKey().getMethodsCondition().getMethods().forEach(method -> allowed.add(method.name()));
                }
            }
        });
        return allowed;
    }

    private List<MediaType> producible(HttpServletRequest request) {
        Set<MediaType> producible = new LinkedHashSet<>();
        mappings.orderedStream().forEach(mapping -> {
            for (Map.Entry<RequestMappingInfo, HandlerMethod> route : mapping.getHandlerMethods().entrySet()) {
                PathPatternsRequestCondition paths = route.getKey().getPathPatternsCondition();
                if (route.getValue().getBeanType() != FallbackController.class && paths != null
                        && paths.getMatchingCondition(request) != null
                        && route.getKey().getMethodsCondition().getMatchingCondition(request) != null) {
                    producible.addAll(route.getKey().getProducesCondition().getProducibleMediaTypes());
                }
            }
        });
        return List.copyOf(producible);
    }

    /** No endpoint has this path: 404. */
    static final class NoSuchRouteException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NoSuchRouteException() {
            super("No such resource.", null, false, false);
        }
    }
}
