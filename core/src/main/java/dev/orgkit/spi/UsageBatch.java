package dev.orgkit.spi;

import java.util.List;

/**
 * Increments of API-key usage that one flush writes in one transaction, under an id that makes
 * writing them idempotent: a storage applies a batch at most once, so a flush whose commit was not
 * acknowledged (the connection died during {@code COMMIT}) can be retried with the same batch
 * without counting twice. The usage flusher cuts each batch once, with a new random id, and retries
 * exactly that batch (same id, same increments) until a write of it succeeds.
 *
 * @param id the batch's id: 1 to 64 characters of letters, digits, {@code _} and {@code -}, unique
 *     among batches (128 random bits)
 * @param increments what to add, at least one; an unmodifiable copy
 * @since 0.2.0
 */
public record UsageBatch(String id, List<UsageIncrement> increments) {
    /** The longest id a storage must keep. */
    public static final int MAX_ID_LENGTH = 64;

    /** Rejects a missing or malformed id and an empty or missing list of increments. */
    public UsageBatch {
        if (id == null || id.isEmpty() || id.length() > MAX_ID_LENGTH || !id.chars().allMatch(UsageBatch::idChar)) {
            throw new IllegalArgumentException("a UsageBatch id has 1 to 64 letters, digits, '_' or '-'");
        }
        if (increments == null || increments.isEmpty()) {
            throw new IllegalArgumentException("a UsageBatch holds at least one increment");
        }
        increments = List.copyOf(increments);
    }

    /** How many verifications the batch adds, over all its increments. */
    public long requests() {
        long sum = 0;
        for (UsageIncrement increment : increments) {
            sum += increment.requests();
        }
        return sum;
    }

    private static boolean idChar(int c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-';
    }
}
