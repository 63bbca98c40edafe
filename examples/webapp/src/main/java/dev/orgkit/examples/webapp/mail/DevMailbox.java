package dev.orgkit.examples.webapp.mail;

import dev.orgkit.invitation.InvitationMail;
import dev.orgkit.spi.Mailer;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * The app's {@link Mailer} in development: keeps the last mails orgkit sent in memory, for the
 * mailbox page, so a person can follow an invitation end to end without an SMTP server. Nothing is
 * logged: a mail carries its link's token. Another profile needs a real mailer bean instead.
 */
@Component
@Profile("dev")
public class DevMailbox implements Mailer {
    /** How many mails the mailbox keeps. */
    static final int CAPACITY = 200;
    private final Deque<InvitationMail> mails = new ArrayDeque<>();

    @Override
    public synchronized void send(InvitationMail mail) {
        mails.addFirst(mail);
        while (mails.size() > CAPACITY) {
            mails.removeLast();
        }
    }

    /** The mails, newest first. */
    public synchronized List<InvitationMail> mails() {
        return List.copyOf(mails);
    }
}
