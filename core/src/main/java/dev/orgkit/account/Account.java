package dev.orgkit.account;

import java.time.Instant;

/**
 * What owns API keys, usage and billing: a {@link PersonalAccount} or an {@link Organization}.
 *
 * @since 0.1.0
 */
public sealed interface Account permits PersonalAccount, Organization {
    /** The account's id. */
    AccountId id();

    /** When the account was created. */
    Instant createdAt();

    /** The kind of account. */
    AccountKind kind();

    /** The name to show: an organization's account name, or "Personal account". */
    String displayName();
}
