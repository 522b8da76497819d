package io.operadb.embeddedmongo;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;

/**
 * The collections of one store, so that the store's maintenance can merge their indexes' small segments while no
 * client writes ({@link IndexSegments#mergeWhileWritesPause}). Held weakly: a dropped collection is forgotten.
 */
final class SegmentMerges {

    /** Entries an index moves per step: a step holds the collection's lock for a few milliseconds at most. */
    static final int ENTRIES_PER_STEP = 4_096;

    private final List<WeakReference<IndexedH2Collection>> collections = new ArrayList<>();

    synchronized void register(IndexedH2Collection collection) {
        collections.removeIf(reference -> reference.get() == null);
        collections.add(new WeakReference<>(collection));
    }

    /** One step of merging in every collection's indexes that have segments to merge; whether any has more. */
    boolean step() {
        List<WeakReference<IndexedH2Collection>> current;
        synchronized (this) {
            current = List.copyOf(collections);
        }
        boolean more = false;
        for (WeakReference<IndexedH2Collection> reference : current) {
            IndexedH2Collection collection = reference.get();
            if (collection != null && collection.mergeIndexSegments(ENTRIES_PER_STEP)) {
                more = true;
            }
        }
        return more;
    }
}
