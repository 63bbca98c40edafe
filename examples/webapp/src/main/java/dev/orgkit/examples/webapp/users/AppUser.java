package dev.orgkit.examples.webapp.users;

import dev.orgkit.Principal;
import dev.orgkit.SupportPrincipal;
import dev.orgkit.UserPrincipal;
import java.util.Collection;
import java.util.List;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/**
 * A user of the app, as Spring Security holds it after sign-in: the id orgkit knows the user by, a
 * verified email, and whether the user is a support agent.
 *
 * @param id the user's id, also orgkit's {@code UserId} (or the support agent's id)
 * @param email the verified email address, lower-case
 * @param passwordHash the password as the {@code DelegatingPasswordEncoder} stored it
 * @param support whether the user is a support agent rather than a customer
 */
public record AppUser(String id, String email, String passwordHash, boolean support) implements UserDetails {

    /** The authority support agents have. */
    public static final String SUPPORT = "ROLE_SUPPORT";
    /** The authority customers have. */
    public static final String USER = "ROLE_USER";

    /** Who this user is to orgkit: a user with a verified email, or a support agent. */
    public Principal principal() {
        return support ? Principal.support(id) : Principal.user(id, email);
    }

    /** This user as an orgkit user, for a customer. */
    public UserPrincipal userPrincipal() {
        return Principal.user(id, email);
    }

    /** This user as an orgkit support agent. */
    public SupportPrincipal supportPrincipal() {
        return Principal.support(id);
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return List.of(new SimpleGrantedAuthority(support ? SUPPORT : USER));
    }

    @Override
    public String getPassword() {
        return passwordHash;
    }

    @Override
    public String getUsername() {
        return email;
    }

    /** Leaves the password hash out. */
    @Override
    public String toString() {
        return "AppUser[id=" + id + ", email=" + email + ", support=" + support + "]";
    }
}
