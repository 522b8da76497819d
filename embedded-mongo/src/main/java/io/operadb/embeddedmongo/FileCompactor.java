package io.operadb.embeddedmongo;

import java.time.Duration;

import org.h2.mvstore.FileStore;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shrinks an open MVStore file within a time budget with {@link MVStore#compactFile}, which rewrites
 * the live pages of sparse chunks into new chunks and moves chunks towards the start of the file so
 * that it can be truncated. Best effort: it does nothing when it finds no sparse chunk, even if the
 * file has holes ({@link StoreRewriter} handles that case at shutdown).
 * <p>
 * Callers hold the {@link CommitGate} exclusively: rewriting pages commits the store.
 */
final class FileCompactor {

    private static final Logger log = LoggerFactory.getLogger(FileCompactor.class);

    private FileCompactor() {
    }

    static void compact(MVStore store, Duration budget) {
        FileStore<?> file = store.getFileStore();
        if (file == null || store.isClosed() || store.isReadOnly()) {
            return;
        }
        long started = System.nanoTime();
        long sizeBefore = file.size();
        store.compactFile((int) Math.max(1, budget.toMillis()));
        log.debug("compacted {}: {} -> {} bytes in {} ms", file.getFileName(), sizeBefore, file.size(),
            (System.nanoTime() - started) / 1_000_000);
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
