package io.operadb.embeddedmongo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Full compaction of a closed store file: copies every map, in key order, into a fresh file next to
 * it and then atomically replaces the original. The result holds only live data, densely packed.
 * <p>
 * A crash meanwhile leaves the original file untouched (and a temporary file, removed at the next
 * start). The copy knows the types of each map: index maps use {@link OrderedIndex#mapBuilder()}, all
 * others MVStore's default types, as mongo-java-server's H2 backend does.
 */
final class StoreRewriter {

    private static final Logger log = LoggerFactory.getLogger(StoreRewriter.class);

    static final String TEMPORARY_SUFFIX = ".compacting";
    private static final int COMMIT_EVERY_ENTRIES = 50_000;

    private StoreRewriter() {
    }

    static Path temporaryFileOf(Path file) {
        return file.resolveSibling(file.getFileName() + TEMPORARY_SUFFIX);
    }

    /** Removes what an interrupted rewrite left behind. */
    static void removeLeftovers(Path file) {
        try {
            Files.deleteIfExists(temporaryFileOf(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void rewrite(Path file) {
        Path temporary = temporaryFileOf(file);
        long started = System.nanoTime();
        try {
            Files.deleteIfExists(temporary);
            copy(file, temporary);
            long before = Files.size(file);
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            log.debug("rewrote {}: {} -> {} bytes in {} ms", file, before, Files.size(file),
                (System.nanoTime() - started) / 1_000_000);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot compact " + file, e);
        }
    }

    private static void copy(Path source, Path target) {
        MVStore from = new MVStore.Builder().fileName(source.toString()).readOnly().autoCommitDisabled().open();
        try {
            MVStore to = new MVStore.Builder().fileName(target.toString()).autoCommitDisabled().open();
            try {
                for (String mapName : from.getMapNames()) {
                    copyMap(from, to, mapName);
                }
                to.commit();
            } finally {
                to.close();
            }
        } finally {
            from.close();
        }
    }

    private static void copyMap(MVStore from, MVStore to, String mapName) {
        MVMap<Object, Object> source = openWithKeyType(from, mapName);
        MVMap<Object, Object> target = openWithKeyType(to, mapName);
        Cursor<Object, Object> cursor = source.cursor(null);
        long copied = 0;
        while (cursor.hasNext()) {
            Object key = cursor.next();
            target.append(key, cursor.getValue()); // keys arrive in order: append fills pages completely
            if (++copied % COMMIT_EVERY_ENTRIES == 0) {
                to.commit(); // bounds the memory the copy holds
            }
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static MVMap<Object, Object> openWithKeyType(MVStore store, String mapName) {
        if (IndexedH2Database.isIndexMap(mapName)) {
            return (MVMap) store.openMap(mapName, OrderedIndex.mapBuilder());
        }
        return store.openMap(mapName);
    }

    /** Whether rewriting is worth it and fits the budget, judged on the open store before closing it. */
    static boolean isWorthwhile(MVStore store, long maxLiveBytes) {
        if (store.getFileStore() == null) {
            return false;
        }
        long live = FileCompactor.estimatedLiveBytes(store);
        long size = store.getFileStore().size();
        return live <= maxLiveBytes && size > 2 * Math.max(live, 1 << 20);
    }
}
