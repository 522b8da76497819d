package io.operadb.embeddedmongo;

import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.RootReference;

/**
 * Lazily walks the entries of an index within a list of key ranges, forwards or backwards, yielding the positions of
 * their documents (read from the keys). Lazy so that a query with a limit stops reading where it is satisfied.
 * <p>
 * An index may keep its entries in several maps ({@link IndexSegments}); every entry is in exactly one of them, so
 * within each range the walk merges one cursor per map that may hold keys in the range, by key. The maps, and what they
 * held, are the ones the index had when the walk began.
 */
final class RangeScan implements Iterator<Object> {

    private final List<IndexSegments.Segment> segments;
    private final List<RootReference<byte[], Object>> roots;
    private final Iterator<KeyRange> ranges;
    private final boolean reverse;
    private KeyRange range;
    /** One cursor per map for the current range, and the next key of each within the range (null: none left). */
    private final Cursor<byte[], Object>[] cursors;
    private final byte[][] heads;
    private boolean rangeOpen;
    private Object next;

    /**
     * @param roots  each segment's root when the walk began
     * @param ranges in the order to visit them: ascending, or descending if {@code reverse}
     */
    @SuppressWarnings("unchecked")
    RangeScan(List<IndexSegments.Segment> segments, List<RootReference<byte[], Object>> roots, List<KeyRange> ranges,
              boolean reverse) {
        this.segments = List.copyOf(segments);
        this.roots = List.copyOf(roots);
        this.ranges = ranges.iterator();
        this.reverse = reverse;
        this.cursors = new Cursor[this.segments.size()];
        this.heads = new byte[this.segments.size()][];
    }

    @Override
    public boolean hasNext() {
        while (next == null) {
            if (!rangeOpen) {
                if (!ranges.hasNext()) {
                    return false;
                }
                openRange(ranges.next());
            }
            int first = firstHead();
            if (first < 0) {
                rangeOpen = false;
                continue;
            }
            next = DocumentIdentity.positionOf(heads[first]);
            heads[first] = nextInRange(cursors[first]);
        }
        return true;
    }

    private void openRange(KeyRange newRange) {
        range = newRange;
        rangeOpen = true;
        for (int i = 0; i < segments.size(); i++) {
            IndexSegments.Segment segment = segments.get(i);
            if (!segment.mayHoldAnyIn(range)) {
                heads[i] = null; // no seek where the range cannot be
                continue;
            }
            MVMap<byte[], Object> map = segment.map();
            cursors[i] = reverse ? map.cursor(roots.get(i), range.high(), null, true)
                : map.cursor(roots.get(i), range.low(), null, false);
            heads[i] = nextInRange(cursors[i]);
        }
    }

    /** The map whose next key comes first in the walk's direction, or -1 if the range is done in every map. */
    private int firstHead() {
        int first = -1;
        for (int i = 0; i < heads.length; i++) {
            if (heads[i] != null && (first < 0 || comesBefore(heads[i], heads[first]))) {
                first = i;
            }
        }
        return first;
    }

    private boolean comesBefore(byte[] a, byte[] b) {
        int comparison = KeyBytes.compare(a, b);
        return reverse ? comparison > 0 : comparison < 0;
    }

    private byte[] nextInRange(Cursor<byte[], Object> cursor) {
        while (cursor.hasNext()) {
            byte[] key = cursor.next();
            if (reverse) {
                if (!range.isBelowHigh(key)) {
                    continue; // the start of a backward walk may be the exclusive end itself
                }
                return KeyBytes.compare(key, range.low()) < 0 ? null : key;
            }
            return range.isBelowHigh(key) ? key : null;
        }
        return null;
    }

    @Override
    public Object next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        Object result = next;
        next = null;
        return result;
    }
}
