package io.operadb.embeddedmongo;

import java.time.Duration;

import org.h2.mvstore.FileStore;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.RandomAccessStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shrinks an MVStore file within a time budget, in MVStore's two steps: rewrite the live pages of
 * sparsely filled chunks into new chunks ({@link MVStore#compactFile}), then move chunks towards the
 * start of the file so that it can be truncated ({@link RandomAccessStore#compactMoveChunks}).
 * <p>
 * The second step is called explicitly because {@code compactFile} only moves chunks after it has
 * rewritten some; when the dead chunks have already been freed, all chunks are dense but the file is
 * full of holes, and it would not shrink at all.
 * <p>
 * Callers hold the {@link CommitGate} exclusively: rewriting pages commits the store.
 */
final class FileCompactor {

    private static final Logger log = LoggerFactory.getLogger(FileCompactor.class);

    private static final int MOVE_BYTES_PER_STEP = 16 * 1024 * 1024;
    private static final int ANY_FILL_RATE = 100;

    private FileCompactor() {
    }

    static void compact(MVStore store, Duration budget) {
        FileStore<?> file = store.getFileStore();
        if (file == null || store.isClosed() || store.isReadOnly()) {
            return;
        }
        long started = System.nanoTime();
        long deadline = started + budget.toNanos();
        long sizeBefore = file.size();
        store.compactFile((int) Math.max(1, budget.toMillis()));
        if (file instanceof RandomAccessStore randomAccess) {
            while (System.nanoTime() < deadline) {
                long size = randomAccess.size();
                randomAccess.compactMoveChunks(ANY_FILL_RATE, MOVE_BYTES_PER_STEP, store);
                if (randomAccess.size() >= size) {
                    break;
                }
            }
        }
        log.debug("compacted {}: {} -> {} bytes in {} ms", file.getFileName(), sizeBefore, file.size(),
            (System.nanoTime() - started) / 1_000_000);
    }
}
