/** The development mailbox: the invitation mails orgkit sent, shown on a page instead of going out by SMTP. */
@NullMarked
package dev.orgkit.examples.webapp.mail;

import org.jspecify.annotations.NullMarked;
