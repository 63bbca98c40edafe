package dev.orgkit.spring.web.internal;

import dev.orgkit.Page;
import dev.orgkit.PageRequest;
import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/** Keyset pages over HTTP: {@code cursor} and {@code size} in, {@code {items, nextCursor}} out. */
public final class Pages {
    /** The page size when the request names none. */
    public static final int DEFAULT_SIZE = 50;

    private Pages() {}

    /** The page a request asks for: the first one without a cursor, else the one after it. */
    public static PageRequest request(@Nullable String cursor, int size) {
        return cursor == null ? PageRequest.first(size) : PageRequest.after(cursor, size);
    }

    /** A page of {@code T} as JSON. */
    public static <S, T> PageView<T> view(Page<S> page, Function<S, T> mapping) {
        return new PageView<>(page.items().stream().map(mapping).toList(), page.nextCursor().orElse(null));
    }

    /**
     * One page of a keyset-paginated list.
     *
     * @param items the items of this page
     * @param nextCursor the {@code cursor} of the next page; null on the last page
     * @param <T> the item type
     */
    public record PageView<T>(List<T> items, @Nullable String nextCursor) {}

    /**
     * A whole list that is never paged (it is short by nature).
     *
     * @param items every item
     * @param <T> the item type
     */
    public record ItemsView<T>(List<T> items) {}
}
