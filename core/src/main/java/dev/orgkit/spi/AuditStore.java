package dev.orgkit.spi;

import dev.orgkit.EmailAddress;
import dev.orgkit.audit.AuditEvent;

/**
 * The audit trail in a read-write transaction: append only. Obtained from
 * {@link WriteTransaction#audit()}. Events are written in the transaction of the change they record,
 * so a change and its event commit or roll back together.
 *
 * @since 0.2.0
 */
public interface AuditStore extends AuditReads {

    /** Appends an event to the account's trail. Event ids are unique. */
    void append(AuditEvent event);

    /**
     * Replaces {@code email} by {@code pseudonym} in the detail values of stored events, in every
     * account's trail (erasing a user): a value that is the address becomes the pseudonym; a longer
     * value that mentions it in any case (a mail error) is lower-cased and each occurrence replaced.
     * The rest of each event is unchanged. Returns how many events it changed. It may read every
     * event whose details contain the address.
     *
     * @since 0.2.0
     */
    int pseudonymize(EmailAddress email, String pseudonym);
}
