package io.operadb.embeddedmongo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import de.bwaldvogel.mongo.bson.Document;

/**
 * Full compaction of a closed store file: copies every map, in key order, into a fresh file next to
 * it and then atomically replaces the original. The result holds only live data, densely packed.
 * <p>
 * A crash meanwhile leaves the original file untouched (and a temporary file, removed at the next
 * start). The copy knows the types of each map: index maps use {@link OrderedIndex#mapBuilder()}, document
 * maps those of their recorded {@link DocumentFormat}, all others MVStore's default types, as
 * mongo-java-server's H2 backend does; index maps of the former layout are left out, since opening the store rebuilds
 * them in the current one. Documents in the old {@link DocumentFormat#JAVA_SERIALIZED Java
 * serialization} are converted to BSON on the way, so a rewrite also upgrades an old file.
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
                List<String> converted = new ArrayList<>();
                for (String mapName : from.getMapNames()) {
                    if (isDataMap(mapName)) {
                        copyDocuments(from, to, mapName, converted);
                    } else if (IndexedH2Database.isFormerIndexMap(mapName)) {
                        log.info("leaving out index map '{}' of the former layout: the next start rebuilds it", mapName);
                    } else {
                        copyMap(from, to, mapName);
                    }
                }
                // after all maps are copied: the metadata maps were appended to, in key order
                for (String metaMapName : converted) {
                    DocumentFormat.BSON.recordIn(to.openMap(metaMapName));
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
        copyMap(openWithKeyType(from, mapName), openWithKeyType(to, mapName), to);
    }

    private static <K, V> void copyMap(MVMap<K, V> source, MVMap<K, V> target, MVStore to) {
        Cursor<K, V> cursor = source.cursor(null);
        long copied = 0;
        while (cursor.hasNext()) {
            K key = cursor.next();
            target.append(key, cursor.getValue()); // keys arrive in order: append fills pages completely
            if (++copied % COMMIT_EVERY_ENTRIES == 0) {
                to.commit(); // bounds the memory the copy holds
            }
        }
    }

    private static boolean isDataMap(String mapName) {
        return mapName.startsWith(IndexedH2Database.DATA_MAP_PREFIX);
    }

    /** Copies a collection's documents into BSON, converting Java-serialized ones; notes the metadata maps to mark. */
    private static void copyDocuments(MVStore from, MVStore to, String mapName, List<String> converted) {
        String metaMapName = IndexedH2Database.META_MAP_PREFIX + mapName.substring(IndexedH2Database.DATA_MAP_PREFIX.length());
        DocumentFormat format = from.hasMap(metaMapName)
            ? DocumentFormat.recordedIn(from.openMap(metaMapName))
            : DocumentFormat.JAVA_SERIALIZED;
        if (format == DocumentFormat.BSON) {
            copyMap(from.openMap(mapName, BsonDocuments.mapBuilder()), to.openMap(mapName, BsonDocuments.mapBuilder()), to);
            return;
        }
        MVMap<Object, Object> source = from.openMap(mapName);
        MVMap<Object, byte[]> target = to.openMap(mapName, BsonDocuments.mapBuilder());
        Cursor<Object, Object> cursor = source.cursor(null);
        long copied = 0;
        while (cursor.hasNext()) {
            Object key = cursor.next();
            // put, not append: Java serialization orders keys of different types otherwise than BSON values
            target.put(key, DocumentCodec.encode((Document) cursor.getValue()));
            if (++copied % COMMIT_EVERY_ENTRIES == 0) {
                to.commit();
            }
        }
        converted.add(metaMapName);
        log.info("converted {} documents of '{}' from Java serialization to BSON", copied, mapName);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static MVMap<Object, Object> openWithKeyType(MVStore store, String mapName) {
        if (IndexedH2Database.isIndexMap(mapName)) {
            return (MVMap) store.openMap(mapName, OrderedIndex.mapBuilder());
        }
        return store.openMap(mapName);
    }

    /**
     * Whether rewriting is worth it and fits the budget, judged on the open store before closing it from its file's
     * {@code size} and its estimated {@code live} data ({@link FileCompactor#estimatedLiveBytes}): a file of more
     * than a megabyte that is more than a third dead space (over 1.5 times its live data), with at most
     * {@code maxLiveBytes} of live data. Compacting in place right after a churn frees little, because MVStore keeps
     * chunks it has just emptied for its retention time (45 s by default): a file at 1.6 times its live data came out
     * of it unchanged (CompactionTest).
     */
    static boolean isWorthwhile(long size, long live, long maxLiveBytes) {
        return live <= maxLiveBytes && size > Math.max(live * 3 / 2, 1 << 20);
    }
}
