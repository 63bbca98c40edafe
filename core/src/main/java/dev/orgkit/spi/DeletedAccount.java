package dev.orgkit.spi;

import dev.orgkit.account.Account;
import java.time.Instant;

/**
 * A deleted account: what it was, when it was deleted, until when support may restore it (R13), and
 * whether it was purged since. After {@code restoreUntil}, purging removes its rows but its audit
 * trail; the account remains as a tombstone that the trail refers to.
 *
 * @param account the account as it was when it was deleted
 * @param deletedAt when it was deleted
 * @param restoreUntil the end of its restore window; purgeable from then on
 * @param purged whether its rows were purged: only its audit trail remains
 * @since 0.2.0
 */
public record DeletedAccount(Account account, Instant deletedAt, Instant restoreUntil, boolean purged) {
    /** Rejects missing parts. */
    public DeletedAccount {
        if (account == null || deletedAt == null || restoreUntil == null) {
            throw new IllegalArgumentException("a DeletedAccount needs its account, deletedAt and restoreUntil");
        }
    }
}
