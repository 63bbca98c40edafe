/**
 * The end of accounts and users: erasing a user ({@link dev.orgkit.lifecycle.Users}) and purging the
 * accounts whose restore window has passed ({@link dev.orgkit.lifecycle.Maintenance}). Deleting and
 * restoring an organization are {@code kit.organizations().delete} and
 * {@code kit.support().restoreOrganization}.
 */
@NullMarked
package dev.orgkit.lifecycle;

import org.jspecify.annotations.NullMarked;
