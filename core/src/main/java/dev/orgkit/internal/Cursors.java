package dev.orgkit.internal;

import dev.orgkit.Page;
import dev.orgkit.PageRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Opaque keyset cursors: the sort key of a page's last item, tagged with the list it belongs to so a
 * cursor of one list is refused by another.
 */
public final class Cursors {
    private Cursors() {}

    /** The key after which the requested page starts, if it is not the first page. */
    public static Optional<String> keyOf(PageRequest request, String list) {
        return request.cursor().map(cursor -> decode(cursor, list));
    }

    /**
     * The page made of the first {@code request.size()} rows of {@code rows}, which holds up to one
     * more row than the page so that we know whether another page follows.
     */
    public static <T> Page<T> page(List<T> rows, PageRequest request, String list, Function<T, String> key) {
        if (rows.size() <= request.size()) {
            return new Page<>(rows, Optional.empty());
        }
        List<T> items = rows.subList(0, request.size());
        return new Page<>(items, Optional.of(encode(list, key.apply(items.get(items.size() - 1)))));
    }

    static String encode(String list, String key) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((list + "|" + key).getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String cursor, String list) {
        String decoded;
        try {
            decoded = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            decoded = "";
        }
        String prefix = list + "|";
        if (!decoded.startsWith(prefix) || decoded.length() == prefix.length()) {
            new Check().add("cursor", "is not a cursor of this list").throwIfAny();
        }
        return decoded.substring(prefix.length());
    }
}
