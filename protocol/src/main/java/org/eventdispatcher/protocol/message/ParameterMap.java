package org.eventdispatcher.protocol.message;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.SortedMap;
import java.util.function.BiConsumer;

/**
 * The parameters of a {@link Message}: an unmodifiable map sorted in {@link Message#NAME_ORDER},
 * held in one array of alternating names and values. A message usually carries a handful of
 * parameters that arrive already sorted, so this costs one array per message where a
 * {@code TreeMap} costs one node per parameter plus a rebalancing comparison per insertion.
 *
 * <p>{@link #add} is for the code that builds the map (parsers, builder), and {@link #compact} ends
 * the building; once handed to a message the map never changes again, and the message's final field
 * publishes it safely.
 *
 * <p>Building costs O(n log n) in the parameter count whatever order the names come in: names in
 * order are appended, and once one comes out of order every later one is appended too, unsorted,
 * and {@link #compact} sorts them all once. Inserting each in its place instead would shift the array
 * for each, O(n²): a 64 KiB line of 13 000 names in descending order took 20 times as long to read as
 * in ascending order.
 */
final class ParameterMap extends AbstractMap<String, String> implements SortedMap<String, String> {

    static final ParameterMap EMPTY = new ParameterMap(new String[0], 0, 0);

    /** Up to this many parameters, {@link #get} looks a name up one by one (each message's contract does). */
    private static final int LINEAR_LOOKUP = 8;

    /** name0, value0, name1, value1, ... sorted by name; only the pairs in [first, last) belong to this map. */
    private String[] entries;

    private final int first;
    private int last;
    /** While building: a name came out of order, so [first, last) waits for {@link #compact} to sort it. */
    private boolean unsorted;

    private ParameterMap(String[] entries, int first, int last) {
        this.entries = entries;
        this.first = first;
        this.last = last;
    }

    /** An empty map, to be filled with {@link #add}, with room for {@code capacity} parameters. */
    static ParameterMap withCapacity(int capacity) {
        return new ParameterMap(new String[2 * capacity], 0, 0);
    }

    static ParameterMap copyOf(SortedMap<String, String> sorted) {
        if (sorted.isEmpty()) {
            return EMPTY;
        }
        ParameterMap map = withCapacity(sorted.size());
        sorted.forEach(map::add);
        return map;
    }

    /**
     * Adds or replaces a parameter (the last value given for a name wins). Only while building, and
     * only on a map from {@link #withCapacity}; {@link #compact} must follow before the map is read.
     */
    void add(String name, String value) {
        int size = last;
        if (!unsorted && size > 0) {
            int order = Message.NAME_ORDER.compare(entries[2 * size - 2], name);
            if (order == 0) {
                entries[2 * size - 1] = value; // the same name twice in a row
                return;
            }
            if (order > 0) {
                unsorted = true;
            }
        }
        // in wire order (the common case) or, once out of order, everything: compact() sorts once
        ensureRoom(size + 1);
        entries[2 * size] = name;
        entries[2 * size + 1] = value;
        last = size + 1;
    }

    private void ensureRoom(int pairs) {
        if (2 * pairs > entries.length) {
            entries = Arrays.copyOf(entries, Math.max(2 * pairs, 2 * entries.length));
        }
    }

    /**
     * Ends the building: sorts the names if they did not all come in order (the last value of a
     * name wins), and drops unused room when it is more than the parameters themselves (after a
     * generous estimate).
     */
    ParameterMap compact() {
        if (unsorted) {
            sortKeepingTheLastOfEachName();
        }
        if (last == 0) {
            return EMPTY;
        }
        if (entries.length > 4 * last + 8) {
            entries = Arrays.copyOf(entries, 2 * last);
        }
        return this;
    }

    /** One stable sort (a merge sort: O(n log n)), so that of equal names the one that came last stays. */
    private void sortKeepingTheLastOfEachName() {
        Integer[] arrival = new Integer[last];
        for (int i = 0; i < last; i++) {
            arrival[i] = i;
        }
        Arrays.sort(arrival, (a, b) -> Message.NAME_ORDER.compare(entries[2 * a], entries[2 * b]));
        String[] sorted = new String[2 * last];
        int size = 0;
        for (int index : arrival) {
            String name = entries[2 * index];
            if (size > 0 && sorted[2 * size - 2].equals(name)) {
                sorted[2 * size - 1] = entries[2 * index + 1]; // a later value of the same name
            } else {
                sorted[2 * size] = name;
                sorted[2 * size + 1] = entries[2 * index + 1];
                size++;
            }
        }
        entries = sorted;
        last = size;
        unsorted = false;
    }

    /** Pair index of {@code name} in [first, last), or {@code -(insertion point) - 1}. */
    private int indexOf(String name) {
        int low = first;
        int high = last - 1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            int order = Message.NAME_ORDER.compare(entries[2 * middle], name);
            if (order < 0) {
                low = middle + 1;
            } else if (order > 0) {
                high = middle - 1;
            } else {
                return middle;
            }
        }
        return -(low + 1);
    }

    /** Pair index of the first name not below {@code name}. */
    private int lowerBound(String name) {
        int index = indexOf(name);
        return index >= 0 ? index : -index - 1;
    }

    String nameAt(int index) {
        return entries[2 * (first + index)];
    }

    String valueAt(int index) {
        return entries[2 * (first + index) + 1];
    }

    @Override
    public int size() {
        return last - first;
    }

    @Override
    public boolean isEmpty() {
        return last == first;
    }

    @Override
    public boolean containsKey(Object key) {
        return key instanceof String name && indexOf(name) >= 0;
    }

    @Override
    public String get(Object key) {
        if (!(key instanceof String name)) {
            return null;
        }
        if (last - first <= LINEAR_LOOKUP) {
            // a handful of parameters, the usual message: String.equals (an intrinsic, which rejects
            // a name of another length at once) beats a binary search's code point comparisons
            for (int i = first; i < last; i++) {
                if (entries[2 * i].equals(name)) {
                    return entries[2 * i + 1];
                }
            }
            return null;
        }
        int index = indexOf(name);
        return index >= 0 ? entries[2 * index + 1] : null;
    }

    @Override
    public Comparator<? super String> comparator() {
        return Message.NAME_ORDER;
    }

    @Override
    public String firstKey() {
        if (isEmpty()) {
            throw new NoSuchElementException();
        }
        return entries[2 * first];
    }

    @Override
    public String lastKey() {
        if (isEmpty()) {
            throw new NoSuchElementException();
        }
        return entries[2 * last - 2];
    }

    @Override
    public SortedMap<String, String> subMap(String fromKey, String toKey) {
        if (Message.NAME_ORDER.compare(fromKey, toKey) > 0) {
            throw new IllegalArgumentException("fromKey > toKey");
        }
        return view(lowerBound(fromKey), lowerBound(toKey));
    }

    @Override
    public SortedMap<String, String> headMap(String toKey) {
        return view(first, lowerBound(toKey));
    }

    @Override
    public SortedMap<String, String> tailMap(String fromKey) {
        return view(lowerBound(fromKey), last);
    }

    private SortedMap<String, String> view(int from, int to) {
        return new ParameterMap(entries, from, Math.max(from, to));
    }

    @Override
    public void forEach(BiConsumer<? super String, ? super String> action) {
        for (int i = first; i < last; i++) {
            action.accept(entries[2 * i], entries[2 * i + 1]);
        }
    }

    @Override
    public Set<Map.Entry<String, String>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Map.Entry<String, String>> iterator() {
                return new Iterator<>() {
                    private int next = first;

                    @Override
                    public boolean hasNext() {
                        return next < last;
                    }

                    @Override
                    public Map.Entry<String, String> next() {
                        if (next >= last) {
                            throw new NoSuchElementException();
                        }
                        int index = next++;
                        return new SimpleImmutableEntry<>(entries[2 * index], entries[2 * index + 1]);
                    }
                };
            }

            @Override
            public int size() {
                return last - first;
            }
        };
    }

    @Override
    public boolean equals(Object other) {
        if (other instanceof ParameterMap that) {
            if (size() != that.size()) {
                return false;
            }
            for (int i = 0; i < size(); i++) {
                if (!nameAt(i).equals(that.nameAt(i)) || !valueAt(i).equals(that.valueAt(i))) {
                    return false;
                }
            }
            return true;
        }
        return super.equals(other);
    }

    @Override
    public int hashCode() {
        int hash = 0;
        for (int i = first; i < last; i++) {
            hash += entries[2 * i].hashCode() ^ entries[2 * i + 1].hashCode();
        }
        return hash;
    }
}
