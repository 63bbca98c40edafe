package dev.orgkit.jdbc;

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

    /** Refuses a write in a read transaction, before any SQL runs. */
    final void checkWritable() {
        if (!writable) {
            throw new IllegalStateException("a read transaction cannot write");
        }
    }
}
