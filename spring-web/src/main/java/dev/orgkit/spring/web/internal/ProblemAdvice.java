package dev.orgkit.spring.web.internal;

import dev.orgkit.AccessDeniedException;
import dev.orgkit.ConflictException;
import dev.orgkit.InvalidInputException;
import dev.orgkit.InvalidInputException.Violation;
import dev.orgkit.NotFoundException;
import dev.orgkit.StorageException;
import dev.orgkit.policy.Decision;
import dev.orgkit.policy.DenialCode;
import dev.orgkit.spring.web.EmailNotVerifiedException;
import dev.orgkit.spring.web.internal.BodySizeLimit.BodyTooLargeException;
import dev.orgkit.spring.web.internal.CallerArgumentResolver.NotSignedInException;
import dev.orgkit.spring.web.internal.FallbackController.NoSuchRouteException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * The one place where failures of orgkit's HTTP API become RFC 9457 problem details, in one table
 * ({@link #problemFor}). Only for orgkit's controllers (this package), so a host's own error
 * handling is untouched. A 5xx answer says nothing internal; the cause is logged instead.
 */
@RestControllerAdvice(basePackageClasses = ProblemAdvice.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ProblemAdvice {
    private static final Logger log = LoggerFactory.getLogger(ProblemAdvice.class);

    /** Answers every exception of orgkit's controllers with its problem. */
    @ExceptionHandler(Exception.class)
    public ResponseEntity<ProblemDetail> handle(Exception exception, HttpServletRequest request) {
        ProblemDetail problem = problemFor(exception, request.getHeader(HttpHeaders.IF_MATCH) != null);
        HttpStatus status = HttpStatus.valueOf(problem.getStatus());
        if (status.is5xxServerError()) {
            log.error("{} {} failed; answered {}", request.getMethod(), request.getRequestURI(), status.value(),
                    exception);
        }
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(status);
        if (exception instanceof NotSignedInException) {
            answer.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"orgkit\"");
        }
        if (exception instanceof HttpRequestMethodNotSupportedException wrongMethod
                && wrongMethod.getSupportedMethods() != null) {
            answer.header(HttpHeaders.ALLOW, String.join(", ", wrongMethod.getSupportedMethods()));
        }
        return answer.body(problem);
    }

    /** The table: which failure is answered with which status, code, title and detail. */
    static ProblemDetail problemFor(Throwable exception, boolean ifMatchSent) {
        if (exception instanceof InvalidInputException invalid) {
            return Problems.of(HttpStatus.BAD_REQUEST, "INVALID_INPUT", "The input is invalid.",
                    "Correct the fields listed in violations.", Optional.empty(),
                    invalid.violations().stream().map(ProblemAdvice::asJsonField).toList());
        }
        if (exception instanceof AccessDeniedException denied) {
            return denial(denied.code() == DenialCode.NOT_FOUND ? HttpStatus.NOT_FOUND : HttpStatus.FORBIDDEN,
                    denied.denial());
        }
        if (exception instanceof NotFoundException notFound) {
            return Problems.of(HttpStatus.NOT_FOUND, DenialCode.NOT_FOUND.name(), DenialCode.NOT_FOUND.defaultMessage(),
                    String.valueOf(notFound.getMessage()), Optional.empty());
        }
        if (exception instanceof ConflictException conflict) {
            boolean staleIfMatch = conflict.code() == DenialCode.STALE_VERSION && ifMatchSent;
            return denial(staleIfMatch ? HttpStatus.PRECONDITION_FAILED : HttpStatus.CONFLICT, conflict.denial());
        }
        if (exception instanceof StorageException) {
            return Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "STORAGE_UNAVAILABLE", "The service is unavailable.",
                    "Nothing was changed.", Optional.of("Try again in a moment."));
        }
        if (exception instanceof EmailNotVerifiedException unverified) {
            return Problems.of(HttpStatus.FORBIDDEN, "EMAIL_NOT_VERIFIED", "Your email address is not verified.",
                    String.valueOf(unverified.getMessage()), Optional.of("Verify your email address, then sign in again."));
        }
        if (exception instanceof NotSignedInException) {
            return Problems.of(HttpStatus.UNAUTHORIZED, "UNAUTHENTICATED", "You are not signed in.",
                    "This request needs a signed-in user.", Optional.of("Sign in, then try again."));
        }
        if (exception instanceof HttpMessageNotReadableException unreadable) {
            return unreadableBody(unreadable);
        }
        if (exception instanceof MethodArgumentTypeMismatchException mismatch) {
            return invalid(mismatch.getName(), TypeMessages.expected(mismatch.getRequiredType()));
        }
        if (exception instanceof MissingServletRequestParameterException missing) {
            return invalid(missing.getParameterName(), "must be given");
        }
        if (exception instanceof MissingRequestHeaderException missing) {
            return invalid(missing.getHeaderName(), "must be given");
        }
        if (exception instanceof HttpRequestMethodNotSupportedException wrongMethod) {
            return Problems.of(HttpStatus.METHOD_NOT_ALLOWED, "METHOD_NOT_ALLOWED", "This method is not allowed here.",
                    "The resource does not support " + wrongMethod.getMethod() + ".",
                    Optional.of("Use one of the methods in the Allow header."));
        }
        if (exception instanceof HttpMediaTypeNotSupportedException) {
            return Problems.of(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "UNSUPPORTED_MEDIA_TYPE",
                    "The body's media type is not supported.", "Send the body as application/json.", Optional.empty());
        }
        if (exception instanceof HttpMediaTypeNotAcceptableException notAcceptable) {
            List<String> offered = notAcceptable.getSupportedMediaTypes().stream()
                    .map(type -> type.getType() + "/" + type.getSubtype()).distinct().toList();
            return Problems.of(HttpStatus.NOT_ACCEPTABLE, "NOT_ACCEPTABLE", "No acceptable representation.",
                    "The resource is available as " + (offered.isEmpty() ? "application/json" : String.join(" or ", offered))
                            + ".", Optional.empty());
        }
        if (exception instanceof NoSuchRouteException) {
            return Problems.of(HttpStatus.NOT_FOUND, DenialCode.NOT_FOUND.name(), DenialCode.NOT_FOUND.defaultMessage(),
                    "No such resource.", Optional.empty());
        }
        return Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, "INTERNAL_ERROR", "Something went wrong.",
                "The request failed; nothing is known to have changed.", Optional.of("Try again later."));
    }

    /**
     * The core names a violation after the Java parameter and its property ({@code form.accountName});
     * over HTTP the field is the JSON body's ({@code accountName}).
     */
    private static Violation asJsonField(Violation violation) {
        int dot = violation.field().indexOf('.');
        return dot < 0 ? violation : new Violation(violation.field().substring(dot + 1), violation.message());
    }

    private static ProblemDetail denial(HttpStatus status, Decision.Denied denied) {
        return Problems.of(status, denied.code().name(), denied.code().defaultMessage(), denied.message(),
                denied.remedy());
    }

    private static ProblemDetail invalid(String field, String message) {
        return Problems.of(HttpStatus.BAD_REQUEST, "INVALID_INPUT", "The input is invalid.",
                "Correct the fields listed in violations.", Optional.empty(), List.of(new Violation(field, message)));
    }

    /** A body that is too large (413), not JSON at all (400), or JSON with a value of the wrong type (400). */
    private static ProblemDetail unreadableBody(HttpMessageNotReadableException unreadable) {
        for (Throwable cause = unreadable; cause != null; cause = cause.getCause()) {
            if (cause instanceof BodyTooLargeException tooLarge) {
                return Problems.of(HttpStatus.CONTENT_TOO_LARGE, "PAYLOAD_TOO_LARGE", "The request body is too large.",
                        "The body may have at most " + tooLarge.maxBytes + " bytes.", Optional.empty());
            }
        }
        Optional<Violation> wrongValue = TypeMessages.violation(unreadable.getCause());
        if (wrongValue.isPresent()) {
            return Problems.of(HttpStatus.BAD_REQUEST, "INVALID_INPUT", "The input is invalid.",
                    "Correct the fields listed in violations.", Optional.empty(), List.of(wrongValue.get()));
        }
        return Problems.of(HttpStatus.BAD_REQUEST, "MALFORMED_JSON", "The request body is not valid JSON.",
                "Send one JSON object, encoded in UTF-8.", Optional.empty());
    }
}
