package dev.orgkit.examples.webapp;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The guide's settings dashboard on orgkit: organizations, members, invitations, API keys, usage, the
 * audit trail and a support console, server-rendered with Thymeleaf.
 *
 * <p>Run it with {@code mvn -B -ntp -pl examples/webapp -am spring-boot:run} and open
 * {@code http://localhost:8080}.
 */
@SpringBootApplication
public class WebApp {

    /** Starts the web app. */
    public static void main(String[] args) {
        SpringApplication.run(WebApp.class, args);
    }
}
