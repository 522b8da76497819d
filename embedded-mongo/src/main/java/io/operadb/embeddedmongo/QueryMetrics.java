package io.operadb.embeddedmongo;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts how the server answered queries (including the queries inside updates, deletes,
 * findAndModify and count): through an index or by scanning a collection, and how many documents it
 * read for them; and how many unique inserts' checks needed seeks of their own. Queries on internal
 * bookkeeping collections ({@code system.*}) are not counted.
 */
public final class QueryMetrics {

    private final LongAdder indexQueries = new LongAdder();
    private final LongAdder collectionScans = new LongAdder();
    private final LongAdder documentsExamined = new LongAdder();
    private final Map<String, LongAdder> queriesByIndex = new ConcurrentHashMap<>();
    private final LongAdder uniqueChecksBySeek = new LongAdder();

    void recordIndexQuery(String namespace, String indexName) {
        indexQueries.increment();
        queriesByIndex.computeIfAbsent(namespace + "/" + indexName, key -> new LongAdder()).increment();
    }

    void recordCollectionScan() {
        collectionScans.increment();
    }

    void recordDocumentExamined() {
        documentsExamined.increment();
    }

    void recordUniqueCheckBySeek() {
        uniqueChecksBySeek.increment();
    }

    /** Queries answered through an index. */
    public long indexQueries() {
        return indexQueries.sum();
    }

    /** Queries answered by reading a whole collection. */
    public long collectionScans() {
        return collectionScans.sum();
    }

    /** Documents read from collections to answer queries (each candidate of an index walk, every document of a scan). */
    public long documentsExamined() {
        return documentsExamined.sum();
    }

    /**
     * Entries of inserts into unique indexes whose check needed seeks of its own. The descent that writes an entry
     * settles the check when the older segments' filters rule its values out and its neighbours are in its leaf, or
     * the separators above the leaf rule out the values in the leaves beside it; otherwise the check seeks in the
     * segments, and the entry is written by another descent.
     */
    public long uniqueChecksBySeek() {
        return uniqueChecksBySeek.sum();
    }

    /** Queries per index, keyed {@code "database.collection/indexName"}. */
    public Map<String, Long> indexQueriesByIndex() {
        Map<String, Long> snapshot = new TreeMap<>();
        queriesByIndex.forEach((key, count) -> snapshot.put(key, count.sum()));
        return snapshot;
    }

    @Override
    public String toString() {
        return "QueryMetrics[indexQueries=" + indexQueries() + ", collectionScans=" + collectionScans()
            + ", documentsExamined=" + documentsExamined() + "]";
    }
}
