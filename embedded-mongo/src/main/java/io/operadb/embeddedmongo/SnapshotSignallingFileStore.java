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

    /** Guarded by MVStore's store lock, which a commit holds throughout. */
    private Runnable afterSnapshot;
    private Thread committingThread;

    private SnapshotSignallingFileStore(Map<String, Object> config) {
        super(config);
    }

    /** Opens the file for writing, with a page cache of {@code cacheSizeMb}. */
    static SnapshotSignallingFileStore open(String fileName, int cacheSizeMb) {
        SnapshotSignallingFileStore fileStore = new SnapshotSignallingFileStore(Map.of("cacheSize", cacheSizeMb));
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
        return super.getWriteBuffer();
    }
}
