/**
 * Accounts: the personal account every user has, and organizations with their profile.
 * Services: {@link dev.orgkit.account.Accounts} and {@link dev.orgkit.account.Organizations}.
 */
@NullMarked
package dev.orgkit.account;

import org.jspecify.annotations.NullMarked;
