package io.operadb.embeddedmongo;

import java.util.List;
import java.util.function.IntFunction;
import java.util.function.LongSupplier;

import org.h2.mvstore.FileStore;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.AbstractSynchronizedMongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.DatabaseResolver;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.oplog.Oplog;
import io.netty.channel.Channel;

/**
 * A database in the MVStore, laid out like mongo-java-server's {@code H2Database} (documents in map
 * {@code databases.<db>.<collection>}, collection metadata in {@code meta.<db>.<collection>}), so the
 * files stay readable by either, but with every index, {@code _id} included, an {@link OrderedIndex}
 * in map {@code <db>.<collection>._oindex2_<name>}, and its further segments ({@link IndexSegments}) in maps
 * {@code <db>.<collection>._oindex2s<i>_<name>}.
 * <p>
 * It extends the synchronized base class rather than {@code H2Database} because that one opens its
 * collections and indexes from within its constructor, before a subclass could hold the store.
 */
final class IndexedH2Database extends AbstractSynchronizedMongoDatabase<Object> {

    private static final Logger log = LoggerFactory.getLogger(IndexedH2Database.class);

    /** Same prefixes as mongo-java-server's H2 backend, which finds databases by the first one. */
    static final String DATA_MAP_PREFIX = "databases.";
    static final String META_MAP_PREFIX = "meta.";
    private static final String INDEX_MAP_INFIX = "._oindex2_";
    /** Followed by the segment's number, an underscore and the index's name. */
    private static final String INDEX_SEGMENT_MAP_INFIX = "._oindex2s";
    /** Ordered indexes whose entries held the document's position as their value (before 7 December 2026). */
    private static final String FORMER_INDEX_MAP_INFIX = "._oindex_";
    private static final String LEGACY_INDEX_MAP_INFIX = "._index_";

    private final MVStore store;
    private final QueryMetrics metrics;
    private final JournalSink journal;
    private final CatalogChanges catalog;
    private final OpenCursors cursors;
    private final LongSupplier indexSegmentEntries;
    private final SegmentMerges merges;

    IndexedH2Database(String databaseName, MVStore store, CursorRegistry cursorRegistry, QueryMetrics metrics,
                      JournalSink journal, CatalogChanges catalog, OpenCursors cursors, LongSupplier indexSegmentEntries,
                      SegmentMerges merges) {
        super(databaseName, cursorRegistry);
        this.indexSegmentEntries = indexSegmentEntries;
        this.merges = merges;
        this.store = store;
        this.metrics = metrics;
        this.journal = journal;
        this.catalog = catalog;
        this.cursors = cursors;
        initializeNamespacesAndIndexes();
    }

    /** The collection a journaled change is replayed into, created as an insert would create it if missing. */
    IndexedH2Collection collectionForReplay(String collectionName) {
        return (IndexedH2Collection) resolveOrCreateCollection(collectionName);
    }

    @Override
    public Document handleCommand(Channel channel, String command, Document query, DatabaseResolver databaseResolver,
                                  Oplog oplog) {
        if (command.equalsIgnoreCase("aggregate") && query.get(command) instanceof String collectionName) {
            MongoCollection<Object> collection = resolveCollection(collectionName, false);
            if (IndexedAggregation.applies(query, collection)) {
                clearLastStatus(channel);
                return IndexedAggregation.run(query, collection, this, databaseResolver, oplog);
            }
        }
        return super.handleCommand(channel, command, query, databaseResolver, oplog);
    }

    @Override
    protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
        catalog.changing();
        String namespace = getFullCollectionNamespace(collectionName);
        String dataMapName = DATA_MAP_PREFIX + namespace;
        MVMap<String, Object> metaMap = store.openMap(META_MAP_PREFIX + namespace);
        DocumentFormat format = DocumentFormat.forCollection(store, dataMapName, metaMap);
        StoredDocuments documents = format.open(store, dataMapName);
        IndexedH2Collection collection = new IndexedH2Collection(this, collectionName, options, documents, metaMap,
            cursorRegistry, metrics, journal, cursors);
        merges.register(collection);
        return collection;
    }

    @Override
    protected Index<Object> openOrCreateUniqueIndex(String collectionName, String indexName, List<IndexKey> keys, boolean sparse) {
        return openIndex(collectionName, indexName, keys, sparse, true);
    }

    @Override
    protected Index<Object> openOrCreateSecondaryIndex(String collectionName, String indexName, List<IndexKey> keys, boolean sparse) {
        return openIndex(collectionName, indexName, keys, sparse, false);
    }

    private Index<Object> openIndex(String collectionName, String indexName, List<IndexKey> keys, boolean sparse, boolean unique) {
        catalog.changing();
        String namespace = getFullCollectionNamespace(collectionName);
        removeSupersededMap(namespace + LEGACY_INDEX_MAP_INFIX + indexName, "mongo-java-server's H2 backend");
        removeSupersededMap(namespace + FORMER_INDEX_MAP_INFIX + indexName, "the former layout (positions as values)");
        return OrderedIndex.open(store, indexMapNames(namespace, indexName), indexSegmentEntries, indexName, keys, sparse, unique,
            metrics);
    }

    /**
     * Removes an index map that an older layout left behind (mongo-java-server's own H2 backend keeps unique indexes
     * in other maps; ordered indexes once held positions as values). The ordered index replacing it is empty at
     * first, and the collection then builds it from the documents.
     */
    private void removeSupersededMap(String mapName, String layout) {
        if (store.hasMap(mapName)) {
            log.info("replacing index map '{}' of {} by an ordered index, built from the documents", mapName, layout);
            store.removeMap(mapName);
        }
    }

    @Override
    protected void dropIndex(MongoCollection<Object> collection, String indexName) {
        catalog.changing();
        super.dropIndex(collection, indexName);
        for (String mapName : IndexSegments.allMapNames(store, indexMapNames(getFullCollectionNamespace(collection.getCollectionName()), indexName))) {
            log.debug("removing index map '{}'", mapName);
            MapRemoval.remove(store, store.openMap(mapName, OrderedIndex.mapBuilder()));
        }
    }

    @Override
    public void dropCollection(String collectionName, Oplog oplog) {
        catalog.changing();
        super.dropCollection(collectionName, oplog); // drops the indexes, and with them their maps
        String namespace = getFullCollectionNamespace(collectionName);
        store.removeMap(DATA_MAP_PREFIX + namespace);
        store.removeMap(META_MAP_PREFIX + namespace);
    }

    @Override
    public void drop(Oplog oplog) {
        catalog.changing();
        super.drop(oplog);
        String ownMaps = databaseName + ".";
        for (String mapName : store.getMapNames()) {
            if (mapName.startsWith(ownMaps) || mapName.startsWith(DATA_MAP_PREFIX + ownMaps)
                || mapName.startsWith(META_MAP_PREFIX + ownMaps)) {
                store.removeMap(mapName);
            }
        }
    }

    @Override
    public void moveCollection(MongoDatabase oldDatabase, MongoCollection<?> collection, String newCollectionName) {
        catalog.changing();
        String oldNamespace = collection.getFullName();
        super.moveCollection(oldDatabase, collection, newCollectionName);
        String newNamespace = getFullCollectionNamespace(newCollectionName);
        renameMap(DATA_MAP_PREFIX + oldNamespace, DATA_MAP_PREFIX + newNamespace);
        renameMap(META_MAP_PREFIX + oldNamespace, META_MAP_PREFIX + newNamespace);
        for (Index<?> index : collection.getIndexes()) {
            // every index here is an OrderedIndex (openIndex); it also names its next segments so
            ((OrderedIndex) index).renameMaps(indexMapNames(newNamespace, index.getName()));
        }
    }

    private void renameMap(String oldName, String newName) {
        if (store.hasMap(oldName)) {
            store.renameMap(store.openMap(oldName), newName);
        }
    }

    static boolean isIndexMap(String mapName) {
        return mapName.contains(INDEX_MAP_INFIX) || mapName.contains(INDEX_SEGMENT_MAP_INFIX);
    }

    /** Whether the map is an index of the former layout, which the next start rebuilds anyway. */
    static boolean isFormerIndexMap(String mapName) {
        return mapName.contains(FORMER_INDEX_MAP_INFIX);
    }

    /** The maps of an index of the collection {@code namespace}, by segment ({@link IndexSegments}). */
    private static IntFunction<String> indexMapNames(String namespace, String indexName) {
        return segment -> segment == 0 ? namespace + INDEX_MAP_INFIX + indexName
            : namespace + INDEX_SEGMENT_MAP_INFIX + segment + "_" + indexName;
    }

    @Override
    protected long getStorageSize() {
        FileStore<?> fileStore = store.getFileStore();
        return fileStore == null ? 0 : fileStore.size();
    }

    @Override
    protected long getFileSize() {
        return getStorageSize();
    }
}
