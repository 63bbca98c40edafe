package dev.orgkit.internal;

import dev.orgkit.invitation.Invitation;
import dev.orgkit.invitation.InvitationMail;
import dev.orgkit.spi.Mailer;
import java.net.URI;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands invitation mails to the host's {@link Mailer} after the transaction that minted the token
 * committed. A failing mailer is logged, without the token, and never undoes the invitation.
 */
public final class InvitationMailing {
    private static final Logger LOG = LoggerFactory.getLogger(InvitationMailing.class);

    private final Mailer mailer;
    private final Function<String, URI> invitationLink;

    /**
     * A committed invitation with the plaintext token of its link, held only in memory until sent.
     *
     * @param invitation the invitation
     * @param organizationName the organization's account name
     * @param token the plaintext token
     */
    public record Minted(Invitation invitation, String organizationName, String token) {
        @Override
        public String toString() {
            return "Minted[invitation=" + invitation.id() + ", token=<redacted>]";
        }
    }

    /** Sends through {@code mailer}, with links built by {@code invitationLink}. */
    public InvitationMailing(Mailer mailer, Function<String, URI> invitationLink) {
        this.mailer = mailer;
        this.invitationLink = invitationLink;
    }

    /** Sends the mail; returns whether the mailer accepted it. */
    public boolean send(Minted minted) {
        Invitation invitation = minted.invitation();
        try {
            var mail = new InvitationMail("orgkit-" + invitation.id().value(), invitation.id(), invitation.email(),
                    minted.organizationName(), invitation.inviterEmail(), invitation.role(),
                    invitationLink.apply(minted.token()), minted.token(), invitation.expiresAt());
            mailer.send(mail);
            return true;
        } catch (RuntimeException e) {
            LOG.warn("The invitation mail for {} was not sent: {}", invitation.id(),
                    Redaction.redact(String.valueOf(e), minted.token()));
            return false;
        }
    }
}
