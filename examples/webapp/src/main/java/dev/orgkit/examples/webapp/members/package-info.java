/**
 * Settings › Members (add a member, pending invitations, roles, removal, support requests for
 * admins) and the invitation page a link opens.
 */
@NullMarked
package dev.orgkit.examples.webapp.members;

import org.jspecify.annotations.NullMarked;
