package dev.orgkit.inmemory;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * What one write transaction changed in the stores' maps: every write records how to undo itself,
 * so that a transaction that throws is undone entry by entry, in reverse order; and what to publish
 * once it commits. Used by the one thread that holds the storage's write lock.
 */
final class Journal {
    /** The journal of every read transaction: it refuses every write. */
    static final Journal READ_ONLY = new Journal(false);

    private final boolean writable;
    private final Deque<Runnable> undo = new ArrayDeque<>();
    private final List<Runnable> onCommit = new ArrayList<>();

    private Journal(boolean writable) {
        this.writable = writable;
    }

    /** A new journal for one write transaction. */
    static Journal forWrites() {
        return new Journal(true);
    }

    /** Throws unless this is the journal of a write transaction: the first line of every write. */
    void requireWritable() {
        if (!writable) {
            throw new IllegalStateException("a read transaction cannot write");
        }
    }

    /** Puts {@code value} under {@code key}, remembering what was there. */
    <K, V> void put(Map<K, V> map, K key, V value) {
        requireWritable();
        V previous = map.put(key, value);
        undo.push(() -> restore(map, key, previous));
    }

    /** Removes {@code key} if it is there, remembering its value. */
    <K, V> void remove(Map<K, V> map, K key) {
        requireWritable();
        if (map.containsKey(key)) {
            V previous = map.remove(key);
            undo.push(() -> map.put(key, previous));
        }
    }

    private static <K, V> void restore(Map<K, V> map, K key, V previous) {
        if (previous == null) {
            map.remove(key);
        } else {
            map.put(key, previous);
        }
    }

    /** The sorted map under {@code key}, created (undoably) if there is none yet. */
    <K, K2, V> NavigableMap<K2, V> tree(Map<K, NavigableMap<K2, V>> map, K key) {
        return inner(map, key, TreeMap::new);
    }

    /** The hash map under {@code key}, created (undoably) if there is none yet. */
    <K, K2, V> Map<K2, V> hash(Map<K, Map<K2, V>> map, K key) {
        return inner(map, key, HashMap::new);
    }

    private <K, M> M inner(Map<K, M> map, K key, Supplier<M> create) {
        M inner = map.get(key);
        if (inner == null) {
            inner = create.get();
            put(map, key, inner);
        }
        return inner;
    }

    /** Runs {@code publish} if, and only if, the transaction commits. */
    void onCommit(Runnable publish) {
        requireWritable();
        onCommit.add(publish);
    }

    /** The transaction commits: publishes what waited for it, and forgets how to undo. */
    void commit() {
        onCommit.forEach(Runnable::run);
        undo.clear();
    }

    /** The transaction failed: undoes every write, newest first. */
    void rollBack() {
        while (!undo.isEmpty()) {
            undo.pop().run();
        }
    }
}
