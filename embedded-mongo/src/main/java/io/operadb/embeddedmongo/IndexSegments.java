package io.operadb.embeddedmongo;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.IntFunction;
import java.util.function.LongSupplier;

import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * The maps that hold one ordered index's entries: a sequence of maps ("segments") of which only the newest takes new
 * entries, holding at most {@link EmbeddedMongoSettings#indexSegmentEntries()} each
 * before the next one starts. Every entry is in exactly one segment; reads merge them ({@link RangeScan}).
 * <p>
 * Why: a checkpoint writes every page changed since the last one, and inserts at random places of a large B-tree
 * (an index on a random id) change nearly every leaf between two checkpoints, so each checkpoint rewrote such an
 * index whole and its cost grew with the index. New entries now change only the newest segment's leaves, so a
 * checkpoint writes at most a segment's worth of such an index, however large it is (decision record 0065).
 * The price is on reads: a lookup or range walk seeks once per segment, and so does an insert into a unique index,
 * which must look for its values in every segment.
 * <p>
 * Segment 0 is the index's map as it always was; segment {@code i} is the map {@code mapNames.apply(i)}. Segments
 * are numbered without gaps, and are removed only all together ({@link #clear}).
 */
final class IndexSegments {

    /**
     * One segment, and for a full one the lowest and highest key it held when it filled up: it takes no entries after
     * that, so its keys stay within them, and a lookup or walk outside them need not seek there. Under an index on
     * ascending values (ids, timestamps) the full segments' ranges do not overlap, and each seeks in one segment.
     * A unique index's segments also keep a {@link ValuesFilter} of their entries' values.
     */
    static final class Segment {

        private final MVMap<byte[], Object> map;
        private final boolean full;
        private final byte[] lowest;
        private final byte[] highest;
        /** Null where not known: a full segment opened from the file builds it on first need. Used under the lock. */
        private ValuesFilter filter;

        private Segment(MVMap<byte[], Object> map, boolean full, byte[] lowest, byte[] highest, ValuesFilter filter) {
            this.map = map;
            this.full = full;
            this.lowest = lowest;
            this.highest = highest;
            this.filter = filter;
        }

        MVMap<byte[], Object> map() {
            return map;
        }

        boolean mayHold(byte[] key) {
            return !full || (lowest != null && KeyBytes.compare(key, lowest) >= 0 && KeyBytes.compare(key, highest) <= 0);
        }

        boolean mayHoldAnyIn(KeyRange range) {
            return !full || (lowest != null && KeyBytes.compare(range.low(), highest) <= 0 && range.isBelowHigh(lowest));
        }

        /**
         * Whether an entry with exactly these values may be here, by the filter (built now if unknown, sized for
         * {@code segmentEntries} or the entries held if more: a segment that is not full yet goes on adding to it).
         */
        private boolean mayHoldValues(byte[] valuesKey, long segmentEntries) {
            if (filter == null) {
                filter = filterOf(map, Math.max(map.sizeAsLong(), segmentEntries));
            }
            return filter.mightContain(valuesKey, valuesKey.length);
        }

        private void remember(byte[] key) {
            if (filter != null) {
                filter.add(key, DocumentIdentity.valuesLength(key));
            }
        }

        private static ValuesFilter filterOf(MVMap<byte[], Object> map, long expectedValues) {
            ValuesFilter filter = new ValuesFilter(expectedValues);
            Iterator<byte[]> keys = map.keyIterator(OrderedIndex.FIRST_ENTRY); // the flags are no entries
            while (keys.hasNext()) {
                byte[] key = keys.next();
                filter.add(key, DocumentIdentity.valuesLength(key));
            }
            return filter;
        }
    }

    private final MVStore store;
    private volatile IntFunction<String> mapNames;
    private final LongSupplier entriesPerSegment;
    /** Whether the segments keep filters of their values, for a unique index's checks. */
    private final boolean filtered;
    /** Copied on change, so that readers walk the segments as they were when they began. */
    private volatile List<Segment> segments;

    private IndexSegments(MVStore store, IntFunction<String> mapNames, LongSupplier entriesPerSegment, boolean filtered) {
        this.store = store;
        this.mapNames = mapNames;
        this.entriesPerSegment = entriesPerSegment;
        this.filtered = filtered;
        List<String> names = existingMapNames(store, mapNames);
        if (names.isEmpty()) {
            names = List.of(mapNames.apply(0)); // a new index
        }
        List<Segment> opened = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            MVMap<byte[], Object> map = store.openMap(names.get(i), OrderedIndex.mapBuilder());
            opened.add(i < names.size() - 1 ? full(map, null) : newest(map));
        }
        this.segments = List.copyOf(opened);
    }

    /**
     * An index's entries in the maps {@code mapNames} gives, one map per at most {@code entriesPerSegment}; with
     * {@code filtered}, for a unique index, each segment keeps a filter of its values for {@link #anyWithValues}.
     */
    static IndexSegments open(MVStore store, IntFunction<String> mapNames, LongSupplier entriesPerSegment, boolean filtered) {
        return new IndexSegments(store, mapNames, entriesPerSegment, filtered);
    }

    /** The newest segment; an empty one's filter starts empty, a non-empty one's is unknown until it is full. */
    private Segment newest(MVMap<byte[], Object> map) {
        boolean knownFilter = filtered && map.sizeAsLong() == 0;
        return new Segment(map, false, null, null, knownFilter ? new ValuesFilter(entriesPerSegment.getAsLong()) : null);
    }

    /** A full segment, with the filter {@code filter} if known. */
    private Segment full(MVMap<byte[], Object> map, ValuesFilter filter) {
        return new Segment(map, true, map.firstKey(), map.lastKey(), filter);
    }

    /** The names of the maps an index's entries occupy in {@code store}, to remove or rename them all. */
    static List<String> existingMapNames(MVStore store, IntFunction<String> mapNames) {
        List<String> names = new ArrayList<>();
        for (int i = 0; store.hasMap(mapNames.apply(i)); i++) {
            names.add(mapNames.apply(i));
        }
        return names;
    }

    /** Whether segment {@code index}'s filter lets these values through, for tests. */
    boolean filterMayHold(int index, byte[] valuesKey) {
        return segments.get(index).mayHoldValues(valuesKey, entriesPerSegment.getAsLong());
    }

    /** The first segment, where the index keeps its flags. */
    MVMap<byte[], Object> first() {
        return segments.get(0).map();
    }

    int count() {
        return segments.size();
    }

    boolean contains(byte[] key) {
        for (Segment segment : segments) {
            if (segment.mayHold(key) && segment.map().containsKey(key)) {
                return true;
            }
        }
        return false;
    }

    /** Adds an entry to the newest segment, starting a new one when it is full. Called under the collection's lock. */
    void put(byte[] key) {
        Segment newest = newestForPut();
        newest.map().put(key, PresenceType.PRESENT);
        newest.remember(key);
    }

    /**
     * For a unique index's insert: puts the entry {@code key}, whose values {@code valuesKey} encodes (its entries are
     * {@code sameValues}), into the newest segment through {@code decision} (which looks at its neighbours there and
     * may abort), unless another segment may hold an entry with the same values; returns whether it got as far as the
     * decision.
     */
    boolean putUnlessOthersHoldValues(byte[] key, byte[] valuesKey, KeyRange sameValues,
                                      MVMap.DecisionMaker<Object> decision) {
        Segment newest = newestForPut();
        if (anyWithValues(sameValues, valuesKey, newest)) {
            return false;
        }
        newest.map().operate(key, PresenceType.PRESENT, decision);
        newest.remember(key); // also if the decision aborted: a filter may say "perhaps" too often, never too seldom
        return true;
    }

    /** The segment that takes the next entry: the newest, or a new one if the newest is full. */
    private Segment newestForPut() {
        List<Segment> current = segments;
        Segment newest = current.get(current.size() - 1);
        if (newest.map().sizeAsLong() < entriesPerSegment.getAsLong()) {
            return newest;
        }
        List<Segment> grown = new ArrayList<>(current);
        grown.set(current.size() - 1, full(newest.map(), newest.filter));
        Segment next = newest(store.openMap(mapNames.apply(current.size()), OrderedIndex.mapBuilder()));
        grown.add(next);
        segments = List.copyOf(grown);
        return next;
    }

    /**
     * Whether any segment but {@code excluded} (null: none) holds an entry with the values {@code valuesKey} encodes,
     * the entries {@code sameValues}: at most one descent per segment, none where a filter rules the values out.
     * Called under the collection's lock.
     */
    boolean anyWithValues(KeyRange sameValues, byte[] valuesKey, Segment excluded) {
        for (Segment segment : segments) {
            if (segment == excluded || !segment.mayHoldAnyIn(sameValues)
                || (filtered && !segment.mayHoldValues(valuesKey, entriesPerSegment.getAsLong()))) {
                continue;
            }
            byte[] first = segment.map().ceilingKey(sameValues.low());
            if (first != null && sameValues.isBelowHigh(first)) {
                return true;
            }
        }
        return false;
    }

    /** Removes an entry from whichever segment holds it; whether one did. Newest first: recent entries change most. */
    boolean remove(byte[] key) {
        List<Segment> current = segments;
        for (int i = current.size() - 1; i >= 0; i--) {
            Segment segment = current.get(i);
            if (segment.mayHold(key) && segment.map().remove(key) != null) {
                return true;
            }
        }
        return false;
    }

    long size() {
        long size = 0;
        for (Segment segment : segments) {
            size += segment.map().sizeAsLong();
        }
        return size;
    }

    /** Removes every entry: empties the first segment and removes the others. */
    void clear() {
        List<Segment> current = segments;
        current.get(0).map().clear();
        segments = List.of(newest(current.get(0).map()));
        for (Segment segment : current.subList(1, current.size())) {
            store.removeMap(segment.map());
        }
    }

    /** Gives every segment the name {@code newMapNames} gives it, and names the next ones so. */
    void renameTo(IntFunction<String> newMapNames) {
        List<Segment> current = segments;
        for (int i = 0; i < current.size(); i++) {
            store.renameMap(current.get(i).map(), newMapNames.apply(i));
        }
        mapNames = newMapNames;
    }

    /** Positions of the entries in {@code ranges}, given in the order to walk them. */
    Iterator<Object> positionsIn(List<KeyRange> ranges, boolean reverse) {
        return new RangeScan(segments, ranges, reverse);
    }
}
