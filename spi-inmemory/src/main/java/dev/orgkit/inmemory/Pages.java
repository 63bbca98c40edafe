package dev.orgkit.inmemory;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.function.Predicate;

/** Keyset pages over sorted maps: the cost of a page does not grow with the rows before it. */
final class Pages {
    private Pages() {}

    /** The sorted rows that {@code index} holds under {@code key} (one organization's, one account's), or none. */
    static <K, K2, V> NavigableMap<K2, V> under(Map<K, NavigableMap<K2, V>> index, K key) {
        return index.getOrDefault(key, Collections.emptyNavigableMap());
    }

    /** The entries of {@code all} after {@code after} (exclusive), or all of them. */
    static <K, V> NavigableMap<K, V> after(NavigableMap<K, V> all, Optional<K> after) {
        return after.map(key -> all.tailMap(key, false)).orElse(all);
    }

    /** The first {@code limit} values of {@code map}, in its order. */
    static <V> List<V> first(NavigableMap<?, V> map, int limit) {
        return first(map, limit, value -> true);
    }

    /** The first {@code limit} values of {@code map} that {@code keep} accepts, in its order. */
    static <V> List<V> first(NavigableMap<?, V> map, int limit, Predicate<V> keep) {
        List<V> page = new ArrayList<>(Math.min(limit, map.size()));
        for (V value : map.values()) {
            if (page.size() == limit) {
                break;
            }
            if (keep.test(value)) {
                page.add(value);
            }
        }
        return page;
    }
}
