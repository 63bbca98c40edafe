package dev.orgkit.examples.webapp.members;

import jakarta.servlet.http.HttpSession;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Keeps the invitation tokens a browser opened in its own session, under a random handle, so the
 * invitation page and its forms never carry the token: it does not reach the page's HTML, the
 * browser history past the first redirect, or a {@code Referer} header.
 */
final class InvitationLinks {
    private static final String ATTRIBUTE = InvitationLinks.class.getName();
    private static final int MAX_LINKS = 20;
    private static final SecureRandom RANDOM = new SecureRandom();

    private InvitationLinks() {}

    /** Remembers {@code token} in the session and returns its handle. */
    static String remember(HttpSession session, String token) {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        String handle = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        synchronized (session) {
            Map<String, String> links = links(session);
            links.put(handle, token);
            while (links.size() > MAX_LINKS) {
                links.remove(links.keySet().iterator().next());
            }
            session.setAttribute(ATTRIBUTE, links);
        }
        return handle;
    }

    /** The token this session opened under {@code handle}, if any. */
    static Optional<String> token(HttpSession session, String handle) {
        synchronized (session) {
            return Optional.ofNullable(links(session).get(handle));
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> links(HttpSession session) {
        Object links = session.getAttribute(ATTRIBUTE);
        return links instanceof LinkedHashMap<?, ?> map ? (Map<String, String>) map : new LinkedHashMap<>();
    }
}
