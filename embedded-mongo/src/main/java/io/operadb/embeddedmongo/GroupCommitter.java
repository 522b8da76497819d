package io.operadb.embeddedmongo;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commits the MVStore on behalf of many writers at once (group commit).
 * <p>
 * A writer that needs its change on disk calls {@link #awaitDurable()} after its change is in the
 * maps. A commit that is already running may have started before that change, so the writer waits
 * for the <em>next</em> commit; the first writer to find no commit running leads it, and that one
 * commit covers every writer that arrived meanwhile. Under load this gives one commit (and one
 * fsync) per batch of writers instead of one per writer.
 * <p>
 * Every commit, the periodic background one included, is followed by an fsync before it counts as
 * completed, so any completed commit satisfies any waiting writer.
 */
final class GroupCommitter {

    private static final Logger log = LoggerFactory.getLogger(GroupCommitter.class);

    private final MVStore store;
    private final CommitGate gate;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition commitFinished = lock.newCondition();
    /** Commits started so far; guarded by {@link #lock}. */
    private long commitsStarted;
    /** Highest commit number completed so far; guarded by {@link #lock}. */
    private long commitsCompleted;
    /** Guarded by {@link #lock}. */
    private boolean commitRunning;

    private final AtomicLong commits = new AtomicLong();
    private final AtomicLong journaledWrites = new AtomicLong();
    /** Time commits kept every operation out, the figure that bounds concurrent writers. */
    private final AtomicLong exclusiveNanos = new AtomicLong();
    private final AtomicLong longestExclusiveNanos = new AtomicLong();

    GroupCommitter(MVStore store, CommitGate gate) {
        this.store = store;
        this.gate = gate;
    }

    /**
     * Returns once everything written before this call is committed and synced to the file.
     * Must not be called while holding the shared side of the {@link CommitGate}.
     */
    void awaitDurable() {
        journaledWrites.incrementAndGet();
        if (store.getFileStore() == null) {
            return; // in memory: there is no file to make the write durable in
        }
        long needed;
        lock.lock();
        try {
            needed = commitsStarted + 1;
        } finally {
            lock.unlock();
        }
        commitUntilCompleted(needed);
    }

    /** Periodic commit; does nothing if a commit is already under way. */
    void commitInBackground() {
        long needed;
        lock.lock();
        try {
            if (commitRunning) {
                return;
            }
            needed = commitsStarted + 1;
        } finally {
            lock.unlock();
        }
        commitUntilCompleted(needed);
    }

    private void commitUntilCompleted(long needed) {
        while (true) {
            long number;
            lock.lock();
            try {
                while (commitRunning && commitsCompleted < needed) {
                    commitFinished.awaitUninterruptibly();
                }
                if (commitsCompleted >= needed) {
                    return;
                }
                commitRunning = true;
                number = ++commitsStarted;
            } finally {
                lock.unlock();
            }
            lead(number);
        }
    }

    private void lead(long number) {
        boolean success = false;
        try {
            commitAndSync();
            success = true;
        } finally {
            lock.lock();
            try {
                commitRunning = false;
                if (success) {
                    commitsCompleted = number;
                }
                commitFinished.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    private void commitAndSync() {
        if (store.isClosed()) {
            return;
        }
        try (CommitGate.ExclusiveHold hold = gate.holdExclusively()) {
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
                log.trace("committed MVStore version {} in {} µs", version, (System.nanoTime() - started) / 1_000);
            }
        }
        if (store.getFileStore() != null) {
            // outside the gate: clients may go on writing while the disk catches up
            store.sync();
        }
        commits.incrementAndGet();
    }

    long commits() {
        return commits.get();
    }

    long journaledWrites() {
        return journaledWrites.get();
    }

    /** Total time commits have held the gate exclusively, in nanoseconds. */
    long exclusiveNanos() {
        return exclusiveNanos.get();
    }

    /** The longest time one commit held the gate exclusively, in nanoseconds. */
    long longestExclusiveNanos() {
        return longestExclusiveNanos.get();
    }
}
