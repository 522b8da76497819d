package io.operadb.embeddedmongo;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commits the MVStore file (a checkpoint) and retires the journal segments the commit covers.
 * <p>
 * A checkpoint takes its snapshot while no operation runs ({@link CommitGate}), so the snapshot holds whole
 * operations only, and at that same moment starts a new journal segment, whose number goes into the snapshot: the
 * older segments hold exactly the changes the snapshot contains. Operations are let in again as soon as the snapshot
 * is taken (decision record 0052); once the file is synced, the older segments are deleted.
 * <p>
 * Without a journal (a store in memory) a checkpoint is a plain commit.
 */
final class Checkpointer {

    private static final Logger log = LoggerFactory.getLogger(Checkpointer.class);

    /** The map holding the journal segment that follows the last checkpoint. */
    static final String JOURNAL_STATE_MAP = "embedded-mongo.journal";
    static final String NEXT_SEGMENT_KEY = "nextSegment";

    private final MVStore store;
    private final CommitGate gate;
    private final CatalogChanges catalog;
    private volatile Journal journal;

    /** One checkpoint at a time. */
    private final ReentrantLock lock = new ReentrantLock();
    /** The catalog version the last synced checkpoint contains. */
    private volatile long durableCatalogVersion = -1;
    private volatile long journalBytesAtLastCheckpoint;

    private final AtomicLong checkpoints = new AtomicLong();
    /** Time checkpoints kept every operation out, the figure that bounds concurrent writers. */
    private final AtomicLong exclusiveNanos = new AtomicLong();
    private final AtomicLong longestExclusiveNanos = new AtomicLong();

    Checkpointer(MVStore store, CommitGate gate, CatalogChanges catalog) {
        this.store = store;
        this.gate = gate;
        this.catalog = catalog;
    }

    /** From now on checkpoints start journal segments and retire the old ones. */
    void useJournal(Journal newJournal) {
        this.journal = newJournal;
        this.journalBytesAtLastCheckpoint = newJournal.appendedBytes();
    }

    /** The segment a store's journal continues with after its last checkpoint; 0 if none was recorded. */
    static long nextSegmentRecordedIn(MVStore store) {
        if (!store.hasMap(JOURNAL_STATE_MAP)) {
            return 0;
        }
        Object next = store.<String, Object>openMap(JOURNAL_STATE_MAP).get(NEXT_SEGMENT_KEY);
        return next instanceof Number number ? number.longValue() : 0;
    }

    /** Whether the catalog (collections, indexes, databases) changed after the last synced checkpoint. */
    boolean catalogChangePending() {
        return catalog.version() > durableCatalogVersion;
    }

    /** Journal bytes appended since the last checkpoint. */
    long journalBytesSinceCheckpoint() {
        Journal current = journal;
        return current == null ? 0 : current.appendedBytes() - journalBytesAtLastCheckpoint;
    }

    /**
     * Commits everything so far to the file, syncs it and retires the journal segments it covers; nothing if the
     * store has not changed since the last checkpoint (then the journal has nothing since either).
     */
    void checkpoint() {
        lock.lock();
        try {
            checkpointLocked(false);
        } finally {
            lock.unlock();
        }
    }

    /** A checkpoint even if the store has not changed: it records the journal's new segment and retires the old ones. */
    void checkpointJournalState() {
        lock.lock();
        try {
            checkpointLocked(true);
        } finally {
            lock.unlock();
        }
    }

    private void checkpointLocked(boolean evenIfUnchanged) {
        if (store.isClosed()) {
            return;
        }
        long catalogVersion;
        long nextSegment = -1;
        long journalBytes = 0;
        try (CommitGate.ExclusiveHold hold = gate.holdExclusively()) {
            catalogVersion = catalog.version();
            if (!evenIfUnchanged && !store.hasUnsavedChanges()) {
                durableCatalogVersion = catalogVersion; // every change, of the catalog too, is in the file already
                return;
            }
            Journal current = journal;
            if (current != null) {
                journalBytes = current.appendedBytes();
                nextSegment = current.startSegment();
                MVMap<String, Object> state = store.openMap(JOURNAL_STATE_MAP);
                state.put(NEXT_SEGMENT_KEY, nextSegment);
            }
            if (store.hasUnsavedChanges()) {
                long started = System.nanoTime();
                // the snapshot is all a commit must keep clear of half-done operations; writers may change the
                // maps while it serializes and writes the snapshot's pages (see SnapshotSignallingFileStore)
                long version = SnapshotSignallingFileStore.commit(store, () -> {
                    if (hold.release()) {
                        long held = System.nanoTime() - started;
                        exclusiveNanos.addAndGet(held);
                        longestExclusiveNanos.accumulateAndGet(held, Math::max);
                    }
                });
                log.trace("checkpoint: MVStore version {} in {} µs", version, (System.nanoTime() - started) / 1_000);
            }
        }
        if (store.getFileStore() != null) {
            store.sync(); // outside the gate: clients go on while the disk catches up
        }
        durableCatalogVersion = catalogVersion;
        Journal current = journal;
        if (current != null && nextSegment >= 0) {
            current.deleteSegmentsBefore(nextSegment);
            journalBytesAtLastCheckpoint = journalBytes;
        }
        checkpoints.incrementAndGet();
    }

    long checkpoints() {
        return checkpoints.get();
    }

    /** Total time checkpoints have held the gate exclusively, in nanoseconds. */
    long exclusiveNanos() {
        return exclusiveNanos.get();
    }

    /** The longest time one checkpoint held the gate exclusively, in nanoseconds. */
    long longestExclusiveNanos() {
        return longestExclusiveNanos.get();
    }
}
