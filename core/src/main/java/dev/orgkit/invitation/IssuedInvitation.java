package dev.orgkit.invitation;

import dev.orgkit.internal.Check;
import java.net.URI;

/**
 * An invitation whose link the host delivers itself, with its token: the only time the token exists
 * outside the invitee's hands. orgkit sends no mail for it and keeps only the token's SHA-256; the link
 * is still accepted only by a user whose verified email is the invited one (R8).
 *
 * <pre>{@code
 * IssuedInvitation issued = kit.members().inviteWithLink(ana, org.id(), "eve@example.com", Role.MEMBER);
 * chat.send("eve", "Join Acme: " + issued.acceptLink());   // the host's own channel
 * Invitation invitation = issued.invitation();             // pending, as listed by invitations().pending
 * }</pre>
 *
 * <p>A later {@code kit.invitations().resend} mails the invitation with a new token: the link given
 * here stops working then.
 *
 * @param invitation the pending invitation
 * @param token the token of its link; never logged, not printed by {@link #toString()}
 * @param acceptLink the link built by the kit's {@code invitationLink} function from the token
 * @since 0.2.0
 */
public record IssuedInvitation(Invitation invitation, String token, URI acceptLink) {
    /** Rejects missing parts. */
    public IssuedInvitation {
        Check.notNull("invitation", invitation, "token", token, "acceptLink", acceptLink);
    }

    /** Describes the invitation without its token or link, so that logging this value leaks nothing. */
    @Override
    public String toString() {
        return "IssuedInvitation[invitation=" + invitation + ", token=<redacted>, acceptLink=<redacted>]";
    }
}
