package dev.orgkit.spring.boot.autoconfigure.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/** Builds accept links from a validated template such as {@code https://app.example/invitations/{token}}. */
public final class InvitationLinks {
    /** The placeholder the token replaces. */
    public static final String TOKEN = "{token}";

    private InvitationLinks() {}

    /** The link function of {@code OrgKit.Builder#invitationLink} for {@code template}. */
    public static Function<String, URI> of(String template) {
        if (problem(template) != null) {
            throw new IllegalArgumentException("orgkit.invitation-link " + problem(template));
        }
        return token -> URI.create(template.replace(TOKEN, token));
    }

    /** What is wrong with the template, or null when it is fine. */
    static @Nullable String problem(String template) {
        if (!template.contains(TOKEN)) {
            return "has no " + TOKEN;
        }
        try {
            URI uri = new URI(template.replace(TOKEN, "t0ken"));
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!uri.isAbsolute() || !(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                return "is not an absolute http or https URL";
            }
            return null;
        } catch (URISyntaxException e) {
            return "is not a valid URL: " + e.getReason();
        }
    }
}
