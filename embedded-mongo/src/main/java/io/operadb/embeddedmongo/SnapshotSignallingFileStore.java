package io.operadb.embeddedmongo;

import java.util.Map;

import org.h2.mvstore.MVStore;
import org.h2.mvstore.SingleFileStore;
import org.h2.mvstore.WriteBuffer;

/**
 * MVStore's single-file store, telling a commit the moment its snapshot is taken.
 * <p>
 * A commit first collects the root page of every changed map (the snapshot: from then on writers change
 * copies of pages, not the collected ones) and then serializes and writes the collected pages, which is
 * nearly all of its time. Only the first part has to be kept clear of half-done operations (see
 * {@link CommitGate}); MVStore's own background writer lets writers run during the second part too.
 * MVStore offers no hook between the two parts, but asks its file store for a write buffer right after
 * taking the snapshot, before serializing anything; that is where this store runs the action a commit
 * armed it with. If a future MVStore asked at another moment, {@code SnapshotSignallingFileStoreTest}
 * fails; if it did not ask at all, the action runs when the commit returns, as before.
 */
final class SnapshotSignallingFileStore extends SingleFileStore {

    /** Buffers up to this size MVStore keeps for reuse itself. */
    private static final int POOLED_BY_MVSTORE = 4 * 1024 * 1024;
    /** Larger ones this store keeps, up to this size (decision records 0052, 0064). */
    private final int maxRetainedBuffer;

    private Runnable afterSnapshot;
    private Thread committingThread;
    /** The buffer kept for the next commit, if any; guarded by {@code this}. */
    private WriteBuffer retained;
    /** The last buffer this store made, and the size of its array; guarded by {@code this}. */
    private WriteBuffer ownBuffer;
    private int retainedCapacity;

    private SnapshotSignallingFileStore(Map<String, Object> config, int maxRetainedBuffer) {
        super(config);
        this.maxRetainedBuffer = maxRetainedBuffer;
    }

    /**
     * Opens the file for writing, with a page cache of {@code cacheSizeMb}, keeping a commit's write buffer for the
     * next one up to {@code maxRetainedBuffer} bytes: about what the largest checkpoints write.
     */
    static SnapshotSignallingFileStore open(String fileName, int cacheSizeMb, int maxRetainedBuffer) {
        SnapshotSignallingFileStore fileStore = new SnapshotSignallingFileStore(Map.of("cacheSize", cacheSizeMb), maxRetainedBuffer);
        fileStore.open(fileName, false, null);
        return fileStore;
    }

    /**
     * Commits {@code store} and runs {@code afterSnapshot} as soon as the commit's snapshot is taken, or when
     * the commit returns if the store's file store cannot tell (or nothing was committed).
     */
    static long commit(MVStore store, Runnable afterSnapshot) {
        if (!(store.getFileStore() instanceof SnapshotSignallingFileStore fileStore)) {
            try {
                return store.commit();
            } finally {
                afterSnapshot.run();
            }
        }
        Runnable once = new Runnable() {
            private boolean ran;

            @Override
            public void run() {
                if (!ran) {
                    ran = true;
                    afterSnapshot.run();
                }
            }
        };
        fileStore.arm(once);
        try {
            return store.commit();
        } finally {
            fileStore.disarm();
            once.run();
        }
    }

    /** Bytes written to the file so far (MVStore's own counter, which it does not publish). */
    long writtenBytes() {
        return writeBytes.get();
    }

    private synchronized void arm(Runnable action) {
        afterSnapshot = action;
        committingThread = Thread.currentThread();
    }

    private synchronized void disarm() {
        afterSnapshot = null;
        committingThread = null;
    }

    private synchronized Runnable takeArmedAction() {
        if (committingThread != Thread.currentThread()) {
            return null; // a store operation nobody armed, compaction for example
        }
        Runnable action = afterSnapshot;
        afterSnapshot = null;
        return action;
    }

    @Override
    public WriteBuffer getWriteBuffer() {
        Runnable action = takeArmedAction();
        if (action != null) {
            action.run();
        }
        WriteBuffer buffer = takeRetained();
        return buffer != null ? buffer.clear() : super.getWriteBuffer();
    }

    /**
     * Keeps a large buffer for the next commit. A commit that rewrites many pages (inserts at random places
     * of large indexes do) fills tens of MB; MVStore would grow a fresh buffer to that size step by step on
     * every commit, each step a large array that the garbage collector must treat specially (in G1 a
     * humongous object, which also starts a concurrent cycle). A kept buffer that a commit filled less than a
     * quarter is given up, so an idle store does not hold it.
     */
    @Override
    public void releaseWriteBuffer(WriteBuffer buffer) {
        int used = buffer.limit(); // the chunk's length
        if (used <= POOLED_BY_MVSTORE || used > maxRetainedBuffer) {
            synchronized (this) {
                retained = null;
                retainedCapacity = 0;
            }
            super.releaseWriteBuffer(buffer);
            return;
        }
        synchronized (this) {
            if (buffer != ownBuffer || used > retainedCapacity) {
                // MVStore's buffer, or ours grown beyond its array (clear() would go back to that array)
                retainedCapacity = Math.min(maxRetainedBuffer, used + used / 2);
                ownBuffer = new WriteBuffer(retainedCapacity);
            }
            retained = ownBuffer;
        }
    }

    private synchronized WriteBuffer takeRetained() {
        WriteBuffer buffer = retained;
        retained = null;
        return buffer;
    }
}
