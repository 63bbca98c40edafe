package dev.orgkit.examples.webapp.mail;

import dev.orgkit.mail.InvitationMail;
import dev.orgkit.mail.OrgKitMail;
import dev.orgkit.smtp.MailRenderer;
import dev.orgkit.smtp.RenderedMail;
import org.jspecify.annotations.Nullable;
import dev.orgkit.spi.Mailer;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
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
    private final Deque<Entry> mails = new ArrayDeque<>();
    private final MailRenderer renderer = new MailRenderer();

    /**
     * One mail as the mailbox shows it: rendered as orgkit's SMTP mailer would send it.
     *
     * @param mail the mail orgkit handed over
     * @param subject its subject
     * @param text its plain-text part
     */
    public record Entry(OrgKitMail mail, String subject, String text) {
        /** The invitation, if the mail is one: the page shows its link as a button. */
        public @Nullable InvitationMail invitation() {
            return mail instanceof InvitationMail invitation ? invitation : null;
        }
    }

    @Override
    public synchronized void send(OrgKitMail mail) {
        RenderedMail rendered = renderer.render(mail);
        mails.addFirst(new Entry(mail, rendered.subject(), rendered.text()));
        while (mails.size() > CAPACITY) {
            mails.removeLast();
        }
    }

    /** The mails, newest first. */
    public synchronized List<Entry> mails() {
        return List.copyOf(mails);
    }

    /** The invitation mails, newest first. */
    public synchronized List<InvitationMail> invitations() {
        return mails.stream().map(Entry::invitation).filter(Objects::nonNull).toList();
    }
}
