package io.operadb.embeddedmongo;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.IntFunction;
import java.util.function.LongSupplier;

import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.RootReference;

/**
 * The maps that hold one ordered index's entries: a sequence of maps ("segments") of which only the newest takes new
 * entries, a quarter of {@link EmbeddedMongoSettings#indexSegmentEntries()} before the next one starts. Four such
 * small segments merge into one of the full size, in the background of later puts; when writes pause, the small ones
 * left and the newest merge too (decision record 0068). Every entry is in exactly one segment; reads merge them
 * ({@link RangeScan}).
 * <p>
 * Why: a checkpoint writes every page changed since the last one, and inserts at random places of a large B-tree
 * (an index on a random id) change nearly every leaf between two checkpoints, so each checkpoint rewrote such an
 * index whole and its cost grew with the index. New entries now change only the newest segment's leaves, so a
 * checkpoint writes at most a segment's worth of such an index, however large it is (decision record 0065).
 * The price is on reads: a lookup or range walk seeks once per segment, and so does an insert into a unique index,
 * which must look for its values in every segment. A small newest segment makes puts and checkpoints cheaper still
 * (its tree stays within the CPU's caches, and a checkpoint rewrites a quarter as much); the merges bound the
 * segments that reads seek in.
 * <p>
 * Its methods hold this object's monitor: the store's maintenance thread merges while writes pause, besides the
 * client threads under their collection's lock.
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

    /** How many full segments of about the same size merge into one. */
    static final int MERGE_FANOUT = 4;
    /** How many entries a merge under way moves per entry put: it must end before the next one is due. */
    static final int MERGE_ENTRIES_PER_PUT = 8;
    /** The number {@code mapNames} gives the map a merge under way writes, outside the segments' numbers. */
    static final int MERGE_TARGET = -1;

    private final MVStore store;
    private volatile IntFunction<String> mapNames;
    private final LongSupplier entriesPerSegment;
    /** Whether the segments keep filters of their values, for a unique index's checks. */
    private final boolean filtered;
    /** Copied on change, so that readers walk the segments as they were when they began. */
    private volatile List<Segment> segments;
    /** The merge under way, or null. */
    private Merge merge;

    private IndexSegments(MVStore store, IntFunction<String> mapNames, LongSupplier entriesPerSegment, boolean filtered) {
        this.store = store;
        this.mapNames = mapNames;
        this.entriesPerSegment = entriesPerSegment;
        this.filtered = filtered;
        if (store.hasMap(mapNames.apply(MERGE_TARGET))) { // a merge the store closed or crashed in: its segments hold all
            MapRemoval.remove(store, store.openMap(mapNames.apply(MERGE_TARGET), OrderedIndex.mapBuilder()));
        }
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
        return new Segment(map, false, null, null, knownFilter ? new ValuesFilter(bufferEntries()) : null);
    }

    /** A full segment, with the filter {@code filter} if known. */
    private Segment full(MVMap<byte[], Object> map, ValuesFilter filter) {
        return new Segment(map, true, map.firstKey(), map.lastKey(), filter);
    }

    /** The names of the segments' maps in {@code store}. */
    static List<String> existingMapNames(MVStore store, IntFunction<String> mapNames) {
        List<String> names = new ArrayList<>();
        for (int i = 0; store.hasMap(mapNames.apply(i)); i++) {
            names.add(mapNames.apply(i));
        }
        return names;
    }

    /** Whether segment {@code index}'s filter lets these values through, for tests. */
    boolean filterMayHold(int index, byte[] valuesKey) {
        return segments.get(index).mayHoldValues(valuesKey, bufferEntries());
    }

    /** The names of every map of an index's entries in {@code store}, a merge's under way too: to remove them all. */
    static List<String> allMapNames(MVStore store, IntFunction<String> mapNames) {
        List<String> names = existingMapNames(store, mapNames);
        if (store.hasMap(mapNames.apply(MERGE_TARGET))) {
            names.add(mapNames.apply(MERGE_TARGET));
        }
        return names;
    }

    /** The first segment, where the index keeps its flags. */
    MVMap<byte[], Object> first() {
        return segments.get(0).map();
    }

    int count() {
        return segments.size();
    }

    synchronized boolean contains(byte[] key) {
        for (Segment segment : segments) {
            if (segment.mayHold(key) && segment.map().containsKey(key)) {
                return true;
            }
        }
        return false;
    }

    /** Adds an entry to the newest segment, starting a new one when it is full. */
    synchronized void put(byte[] key) {
        Segment newest = newestForPut();
        newest.map().put(key, PresenceType.PRESENT);
        newest.remember(key);
        advanceMerge(MERGE_ENTRIES_PER_PUT);
    }

    /**
     * For a unique index's insert: puts the entry {@code key}, whose values {@code valuesKey} encodes (its entries are
     * {@code sameValues}), into the newest segment through {@code decision} (which looks at its neighbours there and
     * may abort), unless another segment may hold an entry with the same values; returns whether it got as far as the
     * decision.
     */
    synchronized boolean putUnlessOthersHoldValues(byte[] key, byte[] valuesKey, KeyRange sameValues,
                                                   MVMap.DecisionMaker<Object> decision) {
        Segment newest = newestForPut();
        if (anyWithValues(sameValues, valuesKey, newest)) {
            return false;
        }
        newest.map().operate(key, PresenceType.PRESENT, decision);
        newest.remember(key); // also if the decision aborted: a filter may say "perhaps" too often, never too seldom
        advanceMerge(MERGE_ENTRIES_PER_PUT);
        return true;
    }

    /**
     * The segment that takes the next entry: the newest, or a new one once the newest holds {@link #bufferEntries}.
     * The full one then joins the older segments, and a merge of the newest of those may start
     * ({@link #startMergeIfDue}).
     */
    private Segment newestForPut() {
        List<Segment> current = segments;
        Segment newest = current.get(current.size() - 1);
        if (newest.map().sizeAsLong() < bufferEntries()) {
            return newest;
        }
        Segment next = sealNewest();
        startMergeIfDue();
        return next;
    }

    /** Makes the newest segment a full one, whatever it holds, and starts an empty newest after it; returns that. */
    private Segment sealNewest() {
        List<Segment> current = segments;
        Segment newest = current.get(current.size() - 1);
        List<Segment> sealed = new ArrayList<>(current);
        sealed.set(sealed.size() - 1, full(newest.map(), newest.filter));
        Segment next = newest(store.openMap(mapNames.apply(sealed.size()), OrderedIndex.mapBuilder()));
        sealed.add(next);
        segments = List.copyOf(sealed);
        return next;
    }

    /** How many entries the newest segment takes before the next one starts: a quarter of a full segment. */
    private long bufferEntries() {
        return Math.max(1, entriesPerSegment.getAsLong() / MERGE_FANOUT);
    }

    /**
     * Starts merging the {@link #MERGE_FANOUT} newest full segments into one, if no merge is under way and they are of
     * about the same size (the oldest of them less than twice the newest), fit one segment together and
     * {@link #interleaved interleave}. So the newest segment's fills merge by fours into segments of
     * {@link EmbeddedMongoSettings#indexSegmentEntries()}, which stay as they are: few segments to seek in, and few
     * entries changed between two checkpoints, as new entries go to a small segment and a merge writes its segment
     * once.
     */
    private void startMergeIfDue() {
        List<Segment> current = segments;
        int fullCount = current.size() - 1;
        if (merge != null || fullCount < MERGE_FANOUT) {
            return;
        }
        List<Segment> tail = current.subList(fullCount - MERGE_FANOUT, fullCount);
        long entries = 0;
        for (Segment segment : tail) {
            entries += segment.map().sizeAsLong();
        }
        long oldest = tail.get(0).map().sizeAsLong();
        long newest = tail.get(MERGE_FANOUT - 1).map().sizeAsLong();
        if (oldest < 2 * Math.max(1, newest) && entries <= entriesPerSegment.getAsLong() && interleaved(tail)) {
            merge = new Merge(List.copyOf(tail), entries);
        }
    }

    /**
     * Whether the keys of a run of segments interleave (one starts below where an older one ends): only then does
     * merging them spare reads a seek. The segments of an index on ascending values (ids, timestamps) follow one
     * another, and a read seeks only in those whose range it touches, so they are left as they are.
     */
    private static boolean interleaved(List<Segment> run) {
        byte[] end = null;
        for (Segment segment : run) {
            byte[] start = segment.map().ceilingKey(OrderedIndex.FIRST_ENTRY); // flags are no entries
            if (start == null) {
                continue;
            }
            if (end != null && KeyBytes.compare(start, end) < 0) {
                return true;
            }
            byte[] last = segment.map().lastKey();
            end = end == null || KeyBytes.compare(last, end) > 0 ? last : end;
        }
        return false;
    }

    /**
     * A merge under way: the entries of some full segments, as they were when it started, written in key order into a
     * map that takes their place once it has them all. Until then readers and writers use the merged segments as
     * before; entries removed from them meanwhile are noted, and removed from the new map before it takes their
     * place. It moves {@link #MERGE_ENTRIES_PER_PUT} entries per entry put, so its work is spread over the inserts
     * that follow and no insert waits for a whole merge.
     */
    private final class Merge {

        final List<Segment> inputs;
        final Iterator<byte[]> keys;
        /** A single writer's map takes keys in ascending order into whole leaves, without copying a leaf per key. */
        final MVMap<byte[], Object> target;
        final ValuesFilter filter;
        final List<byte[]> removed = new ArrayList<>();

        Merge(List<Segment> inputs, long entries) {
            this.inputs = inputs;
            List<Iterator<byte[]>> sources = new ArrayList<>();
            for (Segment input : inputs) {
                sources.add(input.map().keyIterator(null)); // from the map's root now: later removes are noted
            }
            this.keys = new MergedKeys(sources);
            this.target = store.openMap(mapNames.apply(MERGE_TARGET), OrderedIndex.mapBuilder().singleWriter());
            this.filter = filtered ? new ValuesFilter(entries) : null;
        }

        boolean merges(Segment segment) {
            return inputs.contains(segment);
        }

        /** Moves up to {@code count} entries; whether all are moved. */
        boolean advance(int count) {
            for (int i = 0; i < count && keys.hasNext(); i++) {
                byte[] key = keys.next();
                target.append(key, PresenceType.PRESENT);
                if (filter != null && KeyBytes.compare(key, OrderedIndex.FIRST_ENTRY) >= 0) { // flags are no entries
                    filter.add(key, DocumentIdentity.valuesLength(key));
                }
            }
            return !keys.hasNext();
        }
    }

    /**
     * Moves the merge under way on by up to {@code entries} entries, and puts its map in place of its segments once it
     * has all their entries.
     */
    private void advanceMerge(int entries) {
        Merge current = merge;
        if (current == null || !current.advance(entries)) {
            return;
        }
        MVMap<byte[], Object> target = current.target;
        for (byte[] key : current.removed) {
            target.remove(key); // also flushes the map's buffer of appended keys
        }
        for (Segment input : current.inputs) { // flags set since the merge began
            for (Iterator<byte[]> flags = input.map().keyIterator(null); flags.hasNext(); ) {
                byte[] flag = flags.next();
                if (KeyBytes.compare(flag, OrderedIndex.FIRST_ENTRY) >= 0) {
                    break;
                }
                target.put(flag, PresenceType.PRESENT);
            }
        }
        target.flushAndGetRoot();
        List<Segment> before = segments;
        int first = before.indexOf(current.inputs.get(0));
        List<Segment> after = new ArrayList<>(before.subList(0, first));
        after.add(full(target, current.filter));
        after.addAll(before.subList(first + current.inputs.size(), before.size()));
        // under this object's monitor, as readers take the segments and their roots (positionsIn)
        for (Segment input : current.inputs) {
            MapRemoval.remove(store, input.map());
        }
        store.renameMap(target, mapNames.apply(first));
        for (int i = first + 1; i < after.size(); i++) { // no gaps in the segments' numbers
            store.renameMap(after.get(i).map(), mapNames.apply(i));
        }
        segments = List.copyOf(after);
        merge = null;
        startMergeIfDue();
    }

    /**
     * Merges while no client writes, step by step: the merge under way, else the newest segments that are smaller than
     * a full one (the newest too, which then stops taking entries) into one, as many as fit a full segment, if their
     * keys {@link #interleaved interleave}. Without it, reads after a burst of writes would seek in up to
     * {@link #MERGE_FANOUT} small segments more than needed, until later writes filled and merged them. Moves up to
     * {@code entries} entries; returns whether more remains. Nothing for an index dropped meanwhile (its maps are
     * closed).
     */
    synchronized boolean mergeWhileWritesPause(int entries) {
        if (segments.get(0).map().isClosed() || merge == null && !startPauseMerge()) {
            return false;
        }
        advanceMerge(entries);
        return merge != null;
    }

    /**
     * Starts merging the newest segments smaller than a full one, if at least two hold entries and their keys
     * interleave; whether it did.
     */
    private boolean startPauseMerge() {
        List<Segment> current = segments;
        long full = entriesPerSegment.getAsLong();
        int first = current.size();
        long entries = 0;
        while (first > 0) {
            long size = current.get(first - 1).map().sizeAsLong();
            if (size >= full || entries + size > full) {
                break;
            }
            entries += size;
            first--;
        }
        Segment newest = current.get(current.size() - 1);
        boolean newestEmpty = newest.map().sizeAsLong() == 0;
        int inputs = current.size() - first - (newestEmpty ? 1 : 0);
        if (inputs < 2 || !interleaved(current.subList(first, first + inputs))) {
            return false;
        }
        if (!newestEmpty) { // it joins the merge: new entries go to a new segment from now on
            sealNewest();
        }
        merge = new Merge(List.copyOf(segments.subList(first, first + inputs)), entries);
        return true;
    }

    /** Gives up the merge under way, if any: its segments keep their entries. */
    private void abandonMerge() {
        if (merge != null) {
            MapRemoval.remove(store, merge.target);
            merge = null;
        }
    }

    /** The keys of several segments in ascending order (every key is in one of them). */
    private static final class MergedKeys implements Iterator<byte[]> {

        private final List<Iterator<byte[]>> sources;
        private final byte[][] heads;

        MergedKeys(List<Iterator<byte[]>> sources) {
            this.sources = sources;
            this.heads = new byte[sources.size()][];
            for (int i = 0; i < sources.size(); i++) {
                heads[i] = sources.get(i).hasNext() ? sources.get(i).next() : null;
            }
        }

        @Override
        public boolean hasNext() {
            for (byte[] head : heads) {
                if (head != null) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public byte[] next() {
            int first = -1;
            for (int i = 0; i < heads.length; i++) {
                if (heads[i] != null && (first < 0 || KeyBytes.compare(heads[i], heads[first]) < 0)) {
                    first = i;
                }
            }
            if (first < 0) {
                throw new NoSuchElementException();
            }
            byte[] key = heads[first];
            Iterator<byte[]> source = sources.get(first);
            heads[first] = source.hasNext() ? source.next() : null;
            return key;
        }
    }

    /**
     * Whether any segment but {@code excluded} (null: none) holds an entry with the values {@code valuesKey} encodes,
     * the entries {@code sameValues}: at most one descent per segment, none where a filter rules the values out.
     */
    synchronized boolean anyWithValues(KeyRange sameValues, byte[] valuesKey, Segment excluded) {
        for (Segment segment : segments) {
            if (segment == excluded || !segment.mayHoldAnyIn(sameValues)
                || (filtered && !segment.mayHoldValues(valuesKey, bufferEntries()))) {
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
    synchronized boolean remove(byte[] key) {
        List<Segment> current = segments;
        for (int i = current.size() - 1; i >= 0; i--) {
            Segment segment = current.get(i);
            if (segment.mayHold(key) && segment.map().remove(key) != null) {
                if (merge != null && merge.merges(segment)) {
                    merge.removed.add(key);
                }
                return true;
            }
        }
        return false;
    }

    synchronized long size() {
        long size = 0;
        for (Segment segment : segments) {
            size += segment.map().sizeAsLong();
        }
        return size;
    }

    /** Removes every entry: empties the first segment and removes the others. */
    synchronized void clear() {
        abandonMerge();
        List<Segment> current = segments;
        current.get(0).map().clear();
        segments = List.of(newest(current.get(0).map()));
        for (Segment segment : current.subList(1, current.size())) {
            MapRemoval.remove(store, segment.map());
        }
    }

    /** Gives every segment the name {@code newMapNames} gives it, and names the next ones so. */
    synchronized void renameTo(IntFunction<String> newMapNames) {
        abandonMerge();
        List<Segment> current = segments;
        for (int i = 0; i < current.size(); i++) {
            store.renameMap(current.get(i).map(), newMapNames.apply(i));
        }
        mapNames = newMapNames;
    }

    /**
     * Positions of the entries in {@code ranges}, given in the order to walk them, as the segments held them when the
     * walk began: it takes the segments and their roots at once, so that a merge putting its map in place of its
     * segments meanwhile (under this object's monitor, which a walk does not hold) neither hides nor repeats entries.
     */
    Iterator<Object> positionsIn(List<KeyRange> ranges, boolean reverse) {
        List<Segment> current;
        List<RootReference<byte[], Object>> roots = new ArrayList<>();
        synchronized (this) {
            current = segments;
            for (Segment segment : current) {
                roots.add(segment.map().flushAndGetRoot());
            }
        }
        return new RangeScan(current, roots, ranges, reverse);
    }

    /** Whether a merge is under way, for tests. */
    boolean merging() {
        return merge != null;
    }
}
