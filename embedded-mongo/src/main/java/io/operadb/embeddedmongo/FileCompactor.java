package io.operadb.embeddedmongo;

import java.time.Duration;

import org.h2.mvstore.FileStore;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.RandomAccessStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shrinks an open MVStore file within a time budget: rewrites the live pages of sparse chunks into new chunks,
 * then moves chunks into the space that freed towards the start of the file and truncates it. Best effort within
 * the budget; a large file takes several rounds.
 * <p>
 * Callers hold the {@link CommitGate} exclusively: rewriting pages commits the store.
 */
final class FileCompactor {

    private static final Logger log = LoggerFactory.getLogger(FileCompactor.class);

    /** Chunks with less live data than this share (percent) are rewritten, as MVStore's own compaction does. */
    static final int SPARSE_FILL_RATE = 90;
    /**
     * Live bytes one rewrite step takes on. MVStore picks whole chunks up to this much and never one with more live
     * data: its own compactFile takes 16 MB, which left every chunk of a bulk load (up to about 128 MB, a
     * checkpoint's bound) as it was. The rewritten pages stay in memory until the commit that follows. With a 2 GB
     * heap a checkpoint writes chunks up to about 256 MB; a chunk with more live data than this stays as it is. Steps
     * as long as those chunks were tried: one took several idle rounds' budget, and a 1M store ended its idle
     * compaction at 1,495 bytes per event instead of 1,174–1,285 (record 0064).
     */
    private static final int REWRITE_BYTES = 128 << 20;
    /** A file whose blocks are in use at least this share (percent) has no holes worth closing. */
    static final int DENSE_FILL_RATE = 90;
    /**
     * Bytes of chunks one step of {@link #closeHoles} may move. MVStore never moves a chunk longer than this, so it
     * is at least the longest chunk a checkpoint writes (twice its bound: 256 MB with a 2 GB heap).
     */
    private static final long MOVE_BYTES = Math.max(256L << 20, ChangedPagesBound.longestChunkBytes());

    /**
     * Live data filling at least this share (%) of the chunks and of the file makes a file dense: idle compaction
     * leaves it alone, and so does a close. MVStore's own default is 90.
     */
    static final int COMPACTION_FILL_RATE = 80;

    private FileCompactor() {
    }

    /**
     * Whether the file is dense enough to leave as it is (chunks fill rate: live data in the chunks; fill rate: chunks
     * in the file).
     */
    static boolean isDense(MVStore store) {
        FileStore<?> file = store.getFileStore();
        return file == null || Math.min(file.getChunksFillRate(), store.getFillRate()) >= COMPACTION_FILL_RATE;
    }

    static void compact(MVStore store, Duration budget) {
        FileStore<?> file = store.getFileStore();
        if (file == null || store.isClosed() || store.isReadOnly()) {
            return;
        }
        long started = System.nanoTime();
        long deadline = started + budget.toNanos();
        long sizeBefore = file.size();
        // MVStore counts a page that a commit replaced as dead only once no version it keeps for readers needs it
        // (five by default): until then the chunks a rewrite empties stay, and the rewrite only adds to the file.
        // Operations are held off while this runs (callers hold the gate). Only a server-side cursor left open between
        // batches can still need an older version, and it pins that version (OpenCursors), which MVStore honours
        // whatever the number of versions kept.
        int versionsToKeep = (int) store.getVersionsToKeep();
        store.setVersionsToKeep(0);
        store.setRetentionTime(0); // an emptied chunk is free at once (MVStore's compactFile does the same)
        try {
            // rewrites the live pages of sparse chunks into new ones: MVStore only marks them changed, and frees the
            // chunks they came from once a commit has written them; an idle or closing store has nothing else unsaved
            boolean rewrote = false;
            while (System.nanoTime() < deadline && store.compact(SPARSE_FILL_RATE, REWRITE_BYTES)) {
                rewrote = true;
                store.commit();
                closeHoles(store, file, deadline);
            }
            if (!rewrote) {
                closeHoles(store, file, deadline); // holes left by earlier rounds; after a rewrite they were just tried
            }
        } finally {
            store.setVersionsToKeep(versionsToKeep);
        }
        log.debug("compacted {}: {} -> {} bytes in {} ms", file.getFileName(), sizeBefore, file.size(),
            (System.nanoTime() - started) / 1_000_000);
    }

    /**
     * Moves chunks from behind free space into it and cuts off what is left free at the end of the file, while the
     * file's used share is below {@value #DENSE_FILL_RATE} % and time remains. Rewriting frees whole chunks wherever
     * they lie; only moving the chunks behind them into the gaps shortens the file.
     */
    private static void closeHoles(MVStore store, FileStore<?> file, long deadline) {
        if (!(file instanceof RandomAccessStore randomAccess)) {
            return;
        }
        while (System.nanoTime() < deadline && store.getFillRate() < DENSE_FILL_RATE) {
            long sizeBefore = file.size();
            int fillBefore = store.getFillRate();
            randomAccess.compactMoveChunks(DENSE_FILL_RATE, MOVE_BYTES, store);
            if (file.size() >= sizeBefore && store.getFillRate() <= fillBefore) {
                return; // a step may first grow the file, but one that neither shrinks nor fills it made no headway
            }
        }
    }

    /** Estimated bytes of live data: the used share of the file times the live share of the chunks. */
    static long estimatedLiveBytes(MVStore store) {
        FileStore<?> file = store.getFileStore();
        if (file == null) {
            return 0;
        }
        return file.size() * store.getFillRate() / 100 * file.getChunksFillRate() / 100;
    }
}
