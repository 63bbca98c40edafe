package dev.orgkit.lifecycle;

/**
 * Housekeeping a host runs now and then (a background dispatcher runs it too, after each round).
 * Obtain it from {@code kit.maintenance()}. Thread-safe; safe to run on several instances at once.
 *
 * @since 0.2.0
 */
public interface Maintenance {

    /**
     * Removes the rows of every deleted account whose restore window has passed, all but its audit
     * trail, one account per transaction; each purged organization is audited as
     * {@code ORGANIZATION_PURGED}. Accounts purged by another instance meanwhile are skipped.
     */
    PurgeResult purge();
}
