/**
 * The mails orgkit writes, as values a {@link dev.orgkit.spi.Mailer} sends: the sealed
 * {@link dev.orgkit.mail.OrgKitMail} and its kinds (invitations, usage alerts, usage statements,
 * API key expiry notices). Every kind goes through the outbox: written in a transaction, sent after
 * commit, retried with backoff.
 */
@NullMarked
package dev.orgkit.mail;

import org.jspecify.annotations.NullMarked;
