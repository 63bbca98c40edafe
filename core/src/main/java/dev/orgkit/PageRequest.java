package dev.orgkit;

import dev.orgkit.internal.Check;
import java.util.Optional;

/**
 * A request for one page of a keyset-paginated list: the first page, or the page after a cursor
 * that a previous {@link Page} returned. The cost of a page does not depend on how many came before.
 *
 * @param size how many items at most, from 1 to {@value #MAX_SIZE}
 * @param cursor where the previous page ended; empty for the first page
 * @since 0.1.0
 */
public record PageRequest(int size, Optional<String> cursor) {
    /** The largest page size. */
    public static final int MAX_SIZE = 500;

    /** Validates the size and the cursor's shape. */
    public PageRequest {
        var problems = new Check();
        if (size < 1 || size > MAX_SIZE) {
            problems.add("size", "must be between 1 and " + MAX_SIZE);
        }
        if (cursor == null) {
            problems.add("cursor", "must not be null");
        } else {
            cursor.ifPresent(c -> problems.add("cursor", Check.identifierProblem(c, 512)));
        }
        problems.throwIfAny();
    }

    /** The first page of at most {@code size} items. */
    public static PageRequest first(int size) {
        return new PageRequest(size, Optional.empty());
    }

    /** The page that follows {@code cursor}, as given by {@link Page#nextCursor()}. */
    public static PageRequest after(String cursor, int size) {
        // A null cursor is reported by the constructor as a violation, never as a first page.
        return new PageRequest(size, cursor == null ? null : Optional.of(cursor));
    }
}
