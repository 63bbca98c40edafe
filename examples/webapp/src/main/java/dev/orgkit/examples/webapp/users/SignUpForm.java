package dev.orgkit.examples.webapp.users;

import org.jspecify.annotations.Nullable;

/**
 * The sign-up form as typed.
 *
 * @param email the new user's email
 * @param password the password, at least 8 characters
 */
public record SignUpForm(@Nullable String email, @Nullable String password) {}
