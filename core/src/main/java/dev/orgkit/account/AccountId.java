package dev.orgkit.account;

import dev.orgkit.internal.Check;

/**
 * The id of an account, personal or organization. Hosts take it from URLs, so every service
 * checks at run time what kind of account it names.
 *
 * @param value 1 to 64 characters, no white space at the ends, no control characters
 * @since 0.1.0
 */
public record AccountId(String value) implements Comparable<AccountId> {
    /** Validates the value. */
    public AccountId {
        Check.single("accountId", Check.identifierProblem(value, 64));
    }

    /** Parses an account id, or throws {@link dev.orgkit.InvalidInputException}. */
    public static AccountId of(String value) {
        return new AccountId(value);
    }

    @Override
    public int compareTo(AccountId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
