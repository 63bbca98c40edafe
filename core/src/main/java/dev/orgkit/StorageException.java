package dev.orgkit;

/**
 * The storage failed (a lost connection, a constraint the database enforced, a bug in a storage
 * implementation). The command's transaction was rolled back: nothing is half-written. The one
 * exception is a failure of the commit itself (the connection died while the database committed):
 * then the outcome is unknown, the command may have committed, and the message says so. The cause
 * is attached.
 *
 * @since 0.1.0
 */
public class StorageException extends OrgKitException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with the storage's own failure as the cause. */
    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Creates the exception without a cause, for failures the storage detected itself. */
    public StorageException(String message) {
        super(message);
    }
}
