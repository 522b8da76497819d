package io.operadb.embeddedmongo;

import org.h2.mvstore.CursorPos;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.Page;

/**
 * Removes an index map (byte-array keys, {@link PresenceType} values) without MVStore reading a chunk's table of
 * contents per leaf.
 * <p>
 * Removing a map accounts for each of its pages in the file. For a leaf that is not in memory, MVStore looks its page
 * number up in its chunk's table of contents, and caches only 1 MB of those, so a table of a large chunk is never
 * kept. A map whose leaves were written by many checkpoints therefore had a table of contents read from the file for
 * nearly every leaf: in the insert benchmark, 34 GB read and allocated in the round that merged index segments, whose
 * CPU per insert doubled (decision record 0068). So every leaf is first rewritten in memory, unchanged: the copy
 * accounts for the leaf by the page number it was read with, and the removed copy needs no accounting at all. Dropping
 * an index of 400,000 random keys written by eight checkpoints took 489 ms and 11,913 reads from the file before, 50 ms
 * and none after (a probe, 8 December 2026).
 */
final class MapRemoval {

    private MapRemoval() {
    }

    static void remove(MVStore store, MVMap<byte[], Object> map) {
        LeafTouch touch = new LeafTouch();
        for (byte[] key = map.firstKey(); key != null; key = map.higherKey(touch.lastOfLeaf)) {
            map.operate(key, PresenceType.PRESENT, touch);
        }
        store.removeMap(map);
    }

    /** Puts a key's value back as it is, so that its leaf and the nodes above it are copied; notes the leaf's last key. */
    private static final class LeafTouch extends MVMap.DecisionMaker<Object> {

        private byte[] lastOfLeaf;

        @Override
        public MVMap.Decision decide(Object existingValue, Object providedValue, CursorPos<?, ?> tip) {
            Page<?, ?> leaf = tip.page;
            lastOfLeaf = (byte[]) leaf.getKey(leaf.getKeyCount() - 1);
            return MVMap.Decision.PUT;
        }

        @Override
        public MVMap.Decision decide(Object existingValue, Object providedValue) {
            throw new UnsupportedOperationException("MVMap.operate passes the cursor position");
        }
    }
}
