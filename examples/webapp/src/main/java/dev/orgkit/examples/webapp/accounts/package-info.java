/**
 * The Organizations overview (switch, create, leave) and Settings › Account (the profile).
 */
@NullMarked
package dev.orgkit.examples.webapp.accounts;

import org.jspecify.annotations.NullMarked;
