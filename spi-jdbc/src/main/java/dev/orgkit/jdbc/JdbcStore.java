package dev.orgkit.jdbc;

import dev.orgkit.EmailAddress;

/**
 * What every store of one {@link JdbcTransaction} shares: the transaction's connection (through
 * {@link Sql}), the dialect, and whether the transaction may write.
 */
abstract class JdbcStore {
    final Sql sql;
    final Dialect dialect;
    private final boolean writable;

    JdbcStore(Sql sql, boolean writable) {
        this.sql = sql;
        this.dialect = sql.dialect();
        this.writable = writable;
    }

    /** Whether this store belongs to a read-write transaction. */
    final boolean writable() {
        return writable;
    }

    /**
     * Erasing a user: lower-cases the {@code column} of every row of {@code table} that mentions
     * {@code email} in any case, replaces each occurrence by {@code pseudonym} and cuts the text to
     * {@code length}. One set-based update; {@code table} and {@code column} are constants of the caller.
     */
    final int pseudonymizeText(String table, String column, int length, EmailAddress email, String pseudonym) {
        checkWritable();
        String pattern = "%" + email.value().replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
        return sql.update("pseudonymize " + table + "." + column, "UPDATE " + table + " SET " + column
                + " = LEFT(REPLACE(LOWER(" + column + "), ?, ?), " + length + ") WHERE LOWER(" + column
                + ") LIKE ? ESCAPE '!'", email.value(), pseudonym, pattern);
    }

    /** Refuses a write in a read transaction, before any SQL runs. */
    final void checkWritable() {
        if (!writable) {
            throw new IllegalStateException("a read transaction cannot write");
        }
    }
}
