package dev.orgkit.account;

import dev.orgkit.UserId;
import dev.orgkit.internal.Check;
import java.time.Instant;

/**
 * The account every user has, created on first use. Its owner is its only user: it never has
 * members or invitations (rule R1).
 *
 * @param id the account's id
 * @param owner the user it belongs to
 * @param createdAt when it was created
 * @since 0.1.0
 */
public record PersonalAccount(AccountId id, UserId owner, Instant createdAt) implements Account {
    /** Rejects missing parts. */
    public PersonalAccount {
        Check.notNull("id", id, "owner", owner, "createdAt", createdAt);
    }

    @Override
    public AccountKind kind() {
        return AccountKind.PERSONAL;
    }

    @Override
    public String displayName() {
        return "Personal account";
    }
}
