package io.operadb.embeddedmongo;

import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;

/**
 * Lazily walks the entries of an index map within a list of key ranges, forwards or backwards,
 * yielding the positions of their documents (read from the keys). Lazy so that a query with a limit stops reading where it is satisfied.
 */
final class RangeScan implements Iterator<Object> {

    private final MVMap<byte[], Object> map;
    private final Iterator<KeyRange> ranges;
    private final boolean reverse;
    private KeyRange range;
    private Cursor<byte[], Object> cursor;
    private Object next;

    /** @param ranges in the order to visit them: ascending, or descending if {@code reverse} */
    RangeScan(MVMap<byte[], Object> map, List<KeyRange> ranges, boolean reverse) {
        this.map = map;
        this.ranges = ranges.iterator();
        this.reverse = reverse;
    }

    @Override
    public boolean hasNext() {
        while (next == null) {
            if (cursor == null) {
                if (!ranges.hasNext()) {
                    return false;
                }
                range = ranges.next();
                cursor = reverse ? map.cursor(range.high(), null, true) : map.cursor(range.low());
            }
            if (!advanceWithinRange()) {
                cursor = null;
            }
        }
        return true;
    }

    private boolean advanceWithinRange() {
        while (cursor.hasNext()) {
            byte[] key = cursor.next();
            if (reverse) {
                if (!range.isBelowHigh(key)) {
                    continue; // the start of a backward walk may be the exclusive end itself
                }
                if (KeyBytes.compare(key, range.low()) < 0) {
                    return false;
                }
            } else if (!range.isBelowHigh(key)) {
                return false;
            }
            next = DocumentIdentity.positionOf(key);
            return true;
        }
        return false;
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
