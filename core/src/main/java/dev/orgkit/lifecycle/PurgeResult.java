package dev.orgkit.lifecycle;

/**
 * What one {@link Maintenance#purge()} removed.
 *
 * @param organizationsPurged how many deleted organizations were purged
 * @param personalAccountsPurged how many personal accounts of erased users were purged
 * @since 0.2.0
 */
public record PurgeResult(int organizationsPurged, int personalAccountsPurged) {
    /** Rejects negative counts. */
    public PurgeResult {
        if (organizationsPurged < 0 || personalAccountsPurged < 0) {
            throw new IllegalArgumentException("counts are never negative");
        }
    }

    /** How many accounts were purged, of both kinds. */
    public int total() {
        return organizationsPurged + personalAccountsPurged;
    }
}
