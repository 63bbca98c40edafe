package dev.orgkit.spring.web.internal;

import dev.orgkit.InvalidInputException.Violation;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

/**
 * Builds orgkit's problem details (RFC 9457): {@code type} {@code urn:orgkit:problem:<code in kebab
 * case>}, {@code title}, {@code status}, {@code detail}, and the extensions {@code code},
 * {@code remedy} (null when there is none) and {@code violations} (empty unless the input was invalid).
 */
public final class Problems {
    /** The prefix of every problem type. */
    public static final String TYPE_PREFIX = "urn:orgkit:problem:";

    private Problems() {}

    /** A problem without field violations. */
    public static ProblemDetail of(HttpStatus status, String code, String title, String detail, Optional<String> remedy) {
        return of(status, code, title, detail, remedy, List.of());
    }

    /** A problem with the fields that were invalid. */
    public static ProblemDetail of(HttpStatus status, String code, String title, String detail, Optional<String> remedy,
            List<Violation> violations) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(type(code));
        problem.setTitle(title);
        problem.setProperty("code", code);
        problem.setProperty("remedy", remedy.orElse(null));
        problem.setProperty("violations", violations.stream()
                .map(violation -> Map.of("field", violation.field(), "message", violation.message()))
                .toList());
        return problem;
    }

    /** {@code urn:orgkit:problem:} and the code in kebab case: {@code LAST_ADMIN} is {@code last-admin}. */
    public static URI type(String code) {
        return URI.create(TYPE_PREFIX + code.toLowerCase(Locale.ROOT).replace('_', '-'));
    }

    /**
     * Writes a problem without violations straight to a response, for code that runs before Spring
     * MVC (a security filter, an entry point), where no message converter is at hand.
     */
    public static void write(ProblemDetail problem, HttpServletResponse response) throws IOException {
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        Map<String, Object> properties = problem.getProperties() == null ? Map.of() : problem.getProperties();
        Object remedy = properties.get("remedy");
        String json = "{\"type\":" + quote(problem.getType().toString())
                + ",\"title\":" + quote(String.valueOf(problem.getTitle()))
                + ",\"status\":" + problem.getStatus()
                + ",\"detail\":" + quote(String.valueOf(problem.getDetail()))
                + ",\"code\":" + quote(String.valueOf(properties.get("code")))
                + ",\"remedy\":" + (remedy == null ? "null" : quote(remedy.toString()))
                + extra(properties)
                + ",\"violations\":[]}";
        response.getOutputStream().write(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String extra(Map<String, Object> properties) {
        StringBuilder json = new StringBuilder();
        properties.forEach((name, value) -> {
            if (!List.of("code", "remedy", "violations").contains(name) && value != null) {
                json.append(',').append(quote(name)).append(':').append(quote(value.toString()));
            }
        });
        return json.toString();
    }

    /** A JSON string literal. */
    static String quote(String text) {
        StringBuilder json = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        json.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        return json.append('"').toString();
    }
}
