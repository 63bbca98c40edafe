package dev.orgkit.examples.webapp.members;

import org.jspecify.annotations.Nullable;

/**
 * The request an admin files to have support demote or remove another admin.
 *
 * @param reason why, in the admin's words
 */
public record SupportRequestForm(@Nullable String reason) {}
