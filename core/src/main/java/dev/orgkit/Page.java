package dev.orgkit;

import java.util.List;
import java.util.Optional;

/**
 * One page of a list, and the cursor of the next page if there is one.
 *
 * @param items the items of this page, in the list's order
 * @param nextCursor where the next page starts; empty on the last page
 * @param <T> the item type
 * @since 0.1.0
 */
public record Page<T>(List<T> items, Optional<String> nextCursor) {
    /** Copies the items. */
    public Page {
        items = List.copyOf(items);
    }

    /** Whether another page follows. */
    public boolean hasNext() {
        return nextCursor.isPresent();
    }
}
