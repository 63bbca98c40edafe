/**
 * The app's own users (orgkit never authenticates): sign-in, sign-up, the demo users, and how a
 * signed-in user becomes an orgkit {@code Principal}.
 */
@NullMarked
package dev.orgkit.examples.webapp.users;

import org.jspecify.annotations.NullMarked;
