package dev.orgkit.tck;

import dev.orgkit.EmailAddress;
import dev.orgkit.mail.InvitationMail;
import dev.orgkit.mail.OrgKitMail;
import dev.orgkit.spi.Mailer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A {@link Mailer} that keeps every mail, so tests can follow the link an invitee receives and count
 * the notices an account got. Invitations and the other kinds are kept apart. Thread-safe.
 */
public final class RecordingMailer implements Mailer {
    private final List<InvitationMail> sent = new CopyOnWriteArrayList<>();
    private final List<InvitationMail> attempted = new CopyOnWriteArrayList<>();
    private final List<OrgKitMail> notices = new CopyOnWriteArrayList<>();
    private final List<OrgKitMail> noticesAttempted = new CopyOnWriteArrayList<>();
    private volatile boolean failing;

    @Override
    public void send(OrgKitMail mail) {
        if (mail instanceof InvitationMail invitation) {
            attempted.add(invitation);
            if (failing) {
                // Careless on purpose, as real mail libraries can be: the message carries the link, which
                // orgkit must redact before it records or logs the error, and the recipient, which
                // erasing the recipient must replace.
                throw new IllegalStateException("mail server unreachable (simulated) while sending "
                        + invitation.acceptLink() + " to <" + invitation.recipient().value() + ">");
            }
            sent.add(invitation);
            return;
        }
        noticesAttempted.add(mail);
        if (failing) {
            throw new IllegalStateException("mail server unreachable (simulated) while sending " + mail.messageId()
                    + " to <" + mail.recipient().value() + ">");
        }
        notices.add(mail);
    }

    /** Makes every following send fail, or succeed again. */
    public void failing(boolean fail) {
        this.failing = fail;
    }

    /** Every invitation mail sent so far, oldest first. */
    public List<InvitationMail> sent() {
        return List.copyOf(sent);
    }

    /** Every invitation mail handed to this mailer so far, sent or failed, oldest first. */
    public List<InvitationMail> attempted() {
        return List.copyOf(attempted);
    }

    /** Every mail of {@code kind} (other than invitations) sent so far, oldest first. */
    public <M extends OrgKitMail> List<M> sent(Class<M> kind) {
        return notices.stream().filter(kind::isInstance).map(kind::cast).toList();
    }

    /** Every mail of {@code kind} (other than invitations) handed to this mailer, sent or failed, oldest first. */
    public <M extends OrgKitMail> List<M> attempted(Class<M> kind) {
        return noticesAttempted.stream().filter(kind::isInstance).map(kind::cast).toList();
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
