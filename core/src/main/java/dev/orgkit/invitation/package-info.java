/**
 * Invitations by email: minted by {@code members().invite}, previewed and accepted through the link
 * in the mail. Service: {@link dev.orgkit.invitation.Invitations}.
 */
@NullMarked
package dev.orgkit.invitation;

import org.jspecify.annotations.NullMarked;
