package dev.orgkit.examples.webapp.users;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Repository;

/**
 * The app's users, in the {@code webapp_user} table next to orgkit's tables: looked up by email at
 * sign-in, and by id to show who did what.
 */
@Repository
public class AppUsers implements UserDetailsService {
    private final JdbcClient jdbc;
    private final PasswordEncoder passwords;

    AppUsers(JdbcClient jdbc, PasswordEncoder passwords) {
        this.jdbc = jdbc;
        this.passwords = passwords;
    }

    @Override
    public UserDetails loadUserByUsername(String email) {
        return byEmail(email).orElseThrow(() -> new UsernameNotFoundException("no such user"));
    }

    /** The user with this email, if any (compared lower-case). */
    public Optional<AppUser> byEmail(String email) {
        return jdbc.sql("SELECT id, email, password_hash, support FROM webapp_user WHERE email = ?")
                .param(email.strip().toLowerCase(Locale.ROOT))
                .query((rs, row) -> new AppUser(rs.getString("id"), rs.getString("email"),
                        rs.getString("password_hash"), rs.getBoolean("support")))
                .optional();
    }

    /** The emails of the users with these ids, for showing who did what; unknown ids are absent. */
    public Map<String, String> emails(Collection<String> ids) {
        Map<String, String> emails = new LinkedHashMap<>();
        if (ids.isEmpty()) {
            return emails;
        }
        jdbc.sql("SELECT id, email FROM webapp_user WHERE id IN (:ids)")
                .param("ids", ids)
                .query((rs, row) -> emails.put(rs.getString(1), rs.getString(2)))
                .list();
        return emails;
    }

    /**
     * Registers a user with a verified email and a hashed password.
     *
     * @return the new user, or empty if the email is taken
     */
    public Optional<AppUser> register(String email, String rawPassword, boolean support) {
        var user = new AppUser(UUID.randomUUID().toString(), email.strip().toLowerCase(Locale.ROOT),
                passwords.encode(rawPassword), support);
        try {
            jdbc.sql("INSERT INTO webapp_user (id, email, password_hash, support) VALUES (?, ?, ?, ?)")
                    .params(user.id(), user.email(), user.passwordHash(), user.support())
                    .update();
            return Optional.of(user);
        } catch (DuplicateKeyException taken) {
            return Optional.empty();
        }
    }
}
