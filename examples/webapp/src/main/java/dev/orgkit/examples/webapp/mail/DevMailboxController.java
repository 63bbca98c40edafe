package dev.orgkit.examples.webapp.mail;

import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The development mailbox page: each mail's recipient, subject, text and link, newest first. */
@Controller
@Profile("dev")
class DevMailboxController {
    private final DevMailbox mailbox;

    DevMailboxController(DevMailbox mailbox) {
        this.mailbox = mailbox;
    }

    @GetMapping("/dev/mailbox")
    String mailbox(Model model) {
        model.addAttribute("mails", mailbox.mails());
        return "mailbox";
    }
}
