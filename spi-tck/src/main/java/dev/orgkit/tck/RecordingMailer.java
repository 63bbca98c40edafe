package dev.orgkit.tck;

import dev.orgkit.EmailAddress;
import dev.orgkit.invitation.InvitationMail;
import dev.orgkit.spi.Mailer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A {@link Mailer} that keeps every mail, so tests can follow the link an invitee receives. Thread-safe. */
public final class RecordingMailer implements Mailer {
    private final List<InvitationMail> sent = new CopyOnWriteArrayList<>();
    private final List<InvitationMail> attempted = new CopyOnWriteArrayList<>();
    private volatile boolean failing;

    @Override
    public void send(InvitationMail mail) {
        attempted.add(mail);
        if (failing) {
            // Careless on purpose, as real mail libraries can be: the message carries the link, which
            // orgkit must redact before it records or logs the error.
            throw new IllegalStateException("mail server unreachable (simulated) while sending " + mail.acceptLink());
        }
        sent.add(mail);
    }

    /** Makes every following send fail, or succeed again. */
    public void failing(boolean fail) {
        this.failing = fail;
    }

    /** Every mail sent so far, oldest first. */
    public List<InvitationMail> sent() {
        return List.copyOf(sent);
    }

    /** Every mail handed to this mailer so far, sent or failed, oldest first. */
    public List<InvitationMail> attempted() {
        return List.copyOf(attempted);
    }

    /** The token of the last mail sent to {@code email}. */
    public String lastTokenFor(String email) {
        EmailAddress recipient = EmailAddress.of(email);
        for (int i = sent.size() - 1; i >= 0; i--) {
            if (sent.get(i).recipient().equals(recipient)) {
                return sent.get(i).token();
            }
        }
        throw new AssertionError("no mail was sent to " + email);
    }
}
