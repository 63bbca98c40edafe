package dev.orgkit.delivery;

/**
 * What one round of dispatching did.
 *
 * @param sent mails the mailer accepted
 * @param failed attempts that failed and were scheduled again
 * @param givenUp deliveries given up: the last allowed attempt failed, or the invitation was no
 *     longer pending
 * @since 0.1.0
 */
public record DispatchSummary(int sent, int failed, int givenUp) {

    /** A round that did nothing. */
    public static DispatchSummary none() {
        return new DispatchSummary(0, 0, 0);
    }

    /** How many deliveries this round handled. */
    public int total() {
        return sent + failed + givenUp;
    }
}
