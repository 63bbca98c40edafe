package dev.orgkit.examples.webapp.users;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.stereotype.Component;

/**
 * Registers the demo users at start, unless they exist: Ana and Bob (who tell the guide's story),
 * Carol (to open someone else's invitation), and Sam, a support agent. Their emails count as
 * verified. Off with {@code webapp.demo-users=false}.
 */
@Component
@ConditionalOnBooleanProperty(name = "webapp.demo-users", matchIfMissing = true)
public class DemoUsers implements ApplicationRunner {
    /** The password of every demo user. */
    public static final String PASSWORD = "orgkit-demo";
    /** The customers. */
    public static final List<String> CUSTOMERS = List.of("ana@example.com", "bob@example.com", "carol@example.com");
    /** The support agent. */
    public static final String SUPPORT_AGENT = "sam@support.example";

    private static final Logger log = LoggerFactory.getLogger(DemoUsers.class);
    private final AppUsers users;

    DemoUsers(AppUsers users) {
        this.users = users;
    }

    @Override
    public void run(ApplicationArguments args) {
        int added = 0;
        for (String email : CUSTOMERS) {
            added += add(email, false);
        }
        added += add(SUPPORT_AGENT, true);
        if (added > 0) {
            log.info("Added {} demo users; sign in as {} or {} with the password in docs/webapp.md",
                    added, CUSTOMERS.get(0), SUPPORT_AGENT);
        }
    }

    private int add(String email, boolean support) {
        if (users.byEmail(email).isPresent()) {
            return 0;
        }
        return users.register(email, PASSWORD, support).isPresent() ? 1 : 0;
    }
}
