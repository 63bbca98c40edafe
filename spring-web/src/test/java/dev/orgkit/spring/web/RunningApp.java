package dev.orgkit.spring.web;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.orgkit.jdbc.JdbcStorage;
import dev.orgkit.spi.Storage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A {@link TestHost} running on a random port, one per storage (its {@link TestDatabase}), shared by
 * every test class of the run and stopped when the JVM exits. Calls go through {@link java.net.http.HttpClient}; every
 * response body is kept, so that a test can prove no secret was ever echoed.
 */
final class RunningApp {
    static final String BASE = "/orgkit/api/v1";
    private static final Map<String, RunningApp> APPS = new ConcurrentHashMap<>();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** One log file for the JVM: Spring Boot's logging is global, so every application of the run writes here. */
    private static final Path LOG = newLogFile();

    final String storage;
    final ConfigurableApplicationContext context;
    final Path log;
    private final URI root;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<Response> responses = new CopyOnWriteArrayList<>();

    private RunningApp(String storage) {
        this.storage = storage;
        this.log = LOG;
        var application = new SpringApplication(TestHost.class);
        application.addPrimarySources(List.of(TestDatabase.of(storage)));
        Map<String, Object> properties = new java.util.LinkedHashMap<>(TestHost.ORGKIT_PROPERTIES);
        properties.put("server.port", "0");
        properties.put("orgkit.web.max-body-size", "4KB");
        properties.put("orgkit.web.support-authority", "SCOPE_orgkit:support");
        properties.put("springdoc.writer-with-order-by-keys", "true");
        properties.put("logging.file.name", log.toString());
        properties.put("logging.level.org.springframework.web", "DEBUG");
        properties.put("logging.level.dev.orgkit", "DEBUG");
        properties.put("logging.threshold.console", "WARN");
        properties.put("spring.main.banner-mode", "off");
        application.setDefaultProperties(properties);
        this.context = application.run();
        Storage built = context.getBean(Storage.class);
        if (built instanceof JdbcStorage == storage.equals("inmemory")) {
            context.close();
            throw new IllegalStateException("the starter built the kit on " + built.getClass().getSimpleName()
                    + ", not on the " + storage + " storage the test host was started with");
        }
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        this.root = URI.create("http://127.0.0.1:" + port);
        Runtime.getRuntime().addShutdownHook(new Thread(context::close));
    }

    private static Path newLogFile() {
        try {
            return Files.createTempFile("orgkit-web-", ".log");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The application on {@code storage}, started on first use. */
    static RunningApp on(String storage) {
        return APPS.computeIfAbsent(storage, RunningApp::new);
    }

    <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    /** A bearer JWT for a user whose email the identity provider verified. */
    static String user(String id) {
        return jwt(Map.of("sub", id, "email", id + "@example.com", "email_verified", true));
    }

    /** A bearer JWT for a support agent. */
    static String agent(String id) {
        return jwt(Map.of("sub", id, "scope", "orgkit:support"));
    }

    /** A bearer JWT signed by the test identity provider, valid for an hour. */
    static String jwt(Map<String, Object> claims) {
        var builder = new JWTClaimsSet.Builder().expirationTime(new Date(System.currentTimeMillis() + 3_600_000));
        claims.forEach(builder::claim);
        SignedJWT token = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), builder.build());
        try {
            token.sign(new MACSigner(TestHost.JWT_KEY));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return token.serialize();
    }

    Response get(String bearer, String path) {
        return send(bearer, "GET", path, null, Map.of());
    }

    Response post(String bearer, String path, String json) {
        return send(bearer, "POST", path, json, Map.of());
    }

    Response patch(String bearer, String path, String json, Map<String, String> headers) {
        return send(bearer, "PATCH", path, json, headers);
    }

    Response put(String bearer, String path, String json) {
        return send(bearer, "PUT", path, json, Map.of());
    }

    /** Sends a request under orgkit's base path (or, for a path starting with {@code /host}, to the host's API). */
    Response send(String bearer, String method, String path, String json, Map<String, String> headers) {
        // A body of unknown length goes out chunked (Transfer-Encoding is the client's to set).
        boolean chunked = headers.containsKey("Transfer-Encoding");
        HttpRequest.BodyPublisher body = json == null ? HttpRequest.BodyPublishers.noBody()
                : chunked ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)))
                : HttpRequest.BodyPublishers.ofString(json);
        var request = HttpRequest.newBuilder(root.resolve(path.startsWith("/host") || path.startsWith("/v3") ? path : BASE + path))
                .timeout(Duration.ofSeconds(20))
                .method(method, body);
        if (json != null && !headers.containsKey("Content-Type")) {
            request.header("Content-Type", "application/json");
        }
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        headers.forEach((name, value) -> {
            if (!name.equals("Transfer-Encoding")) {
                request.header(name, value);
            }
        });
        try {
            HttpResponse<String> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            Response response = new Response(answer.statusCode(), answer.headers().map(), answer.body());
            responses.add(response);
            return response;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Every response body this application gave so far. */
    List<String> bodies() {
        List<String> bodies = new ArrayList<>();
        responses.forEach(response -> bodies.add(response.body()));
        return bodies;
    }

    /** The status, headers and body of a response, with its body as JSON. */
    record Response(int status, Map<String, List<String>> headers, String body) {
        JsonNode json() {
            return JSON.readTree(body);
        }

        /** A text field of the JSON body. */
        String text(String field) {
            return json().path(field).asString();
        }

        Optional<String> header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream()).findFirst();
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }
}
