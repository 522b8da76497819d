package io.operadb.embeddedmongo;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.UUID;
import java.util.function.BiPredicate;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import org.h2.mvstore.MVMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.AbstractSynchronizedMongoCollection;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.DefaultQueryMatcher;
import de.bwaldvogel.mongo.backend.DocumentWithPosition;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.QueryMatcher;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.Utils;
import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.bson.Document;

/**
 * A collection laid out as mongo-java-server's H2 collection (documents in an MVMap by {@code _id},
 * the data size in the metadata map under the same key), with documents in either
 * {@link DocumentFormat format} and queries planned over {@link OrderedIndex ordered indexes}: a query
 * that an index can narrow reads only the index's candidates (in index order when that is the sort
 * order, stopping at the limit), every other query scans the collection.
 */
final class IndexedH2Collection extends AbstractSynchronizedMongoCollection<Object> {

    private static final Logger log = LoggerFactory.getLogger(IndexedH2Collection.class);

    /** The key mongo-java-server's H2 collection keeps its data size under. */
    private static final String DATA_SIZE_KEY = "dataSize";
    private static final String ID_FIELD = "_id";

    private final StoredDocuments documents;
    private final MVMap<String, Object> metaMap;
    private final QueryMetrics metrics;
    private final JournalSink journal;
    private final OpenCursors cursors;
    /**
     * The ordered indexes, as a copy that inserting threads read before they take the lock (the base class's
     * list is changed under the lock only). Written under the lock.
     */
    private volatile List<OrderedIndex> orderedIndexes = List.of();
    /** The insert under way, if any; guarded by {@code this}. */
    private PendingInsert pending;
    /** The documents of an insert whose work was prepared before taking the lock; guarded by {@code this}. */
    private Map<Document, PendingInsert> preparedBatch;

    IndexedH2Collection(MongoDatabase database, String collectionName, CollectionOptions options,
                        StoredDocuments documents, MVMap<String, Object> metaMap,
                        CursorRegistry cursorRegistry, QueryMetrics metrics, JournalSink journal,
                        OpenCursors cursors) {
        super(database, collectionName, options, cursorRegistry);
        this.documents = documents;
        this.metaMap = metaMap;
        this.metrics = metrics;
        this.journal = journal;
        this.cursors = cursors;
        metaMap.putIfAbsent(DATA_SIZE_KEY, 0L);
    }

    // ---- inserts -----------------------------------------------------------------------------------

    /**
     * The work of one insert that does not depend on the collection's state: the document's BSON encoding
     * (stored, and its length is the data size) and its entries in every ordered index. Inserting threads do
     * it before they take the collection's lock, so that it runs in parallel; under the lock each insert only
     * checks uniqueness and writes the maps. Also records which unique indexes checked the document in this
     * insert, so that {@link OrderedIndex#add} need not check again.
     */
    private static final class PendingInsert {
        final Document document;
        /** Null if not prepared. */
        final byte[] bson;
        final Map<OrderedIndex, OrderedIndex.Entries> entries;
        final Set<OrderedIndex> checkedUnique = Collections.newSetFromMap(new IdentityHashMap<>());
        /** The entries unique indexes wrote while checking, to be taken back if the insert fails before the document is stored. */
        final Map<OrderedIndex, List<byte[]>> entriesPut = new IdentityHashMap<>();
        /** Whether the document itself is stored. */
        boolean stored;

        PendingInsert(Document document, byte[] bson, Map<OrderedIndex, OrderedIndex.Entries> entries) {
            this.document = document;
            this.bson = bson;
            this.entries = entries;
        }
    }

    /**
     * Prepares an insert. A document without {@code _id} is not prepared: the base class adds one under the
     * lock, which changes its encoding and its index keys.
     */
    private PendingInsert prepare(Document document) {
        Object id = document.get(ID_FIELD);
        if (id == null || id instanceof Collection || getIdField() == null) {
            return new PendingInsert(document, null, Map.of());
        }
        Map<OrderedIndex, OrderedIndex.Entries> entries = new IdentityHashMap<>();
        for (OrderedIndex index : orderedIndexes) {
            entries.put(index, index.prepare(document));
        }
        return new PendingInsert(document, DocumentCodec.encode(document), entries);
    }

    @Override
    public List<Document> insertDocuments(List<Document> documents, boolean isOrdered) {
        Map<Document, PendingInsert> batch = new IdentityHashMap<>();
        for (Document document : documents) {
            batch.putIfAbsent(document, prepare(document));
        }
        synchronized (this) {
            preparedBatch = batch;
            try {
                return super.insertDocuments(documents, isOrdered); // calls addDocument for each
            } finally {
                preparedBatch = null;
            }
        }
    }

    @Override
    public void addDocument(Document document) {
        // only the thread holding the lock can be inside insertDocuments with a prepared batch
        PendingInsert prepared = Thread.holdsLock(this) && preparedBatch != null ? preparedBatch.get(document) : null;
        if (prepared == null) {
            prepared = prepare(document); // outside the lock unless called under it (an upsert, say)
        }
        synchronized (this) {
            PendingInsert outer = pending;
            prepared.checkedUnique.clear(); // the same document may come twice in one batch
            prepared.entriesPut.clear();
            prepared.stored = false;
            pending = prepared;
            try {
                super.addDocument(document);
                if (prepared.bson != null) {
                    updateDataSize(prepared.bson.length); // what the base class would have computed by encoding again
                }
            } catch (RuntimeException e) {
                if (!prepared.stored) { // a unique index refused it: no other index has an entry yet
                    prepared.entriesPut.forEach(OrderedIndex::removeEntries);
                }
                throw e;
            } finally {
                pending = outer;
            }
        }
    }

    /** Whether the base class must compute the size itself: not for a prepared insert. */
    @Override
    protected boolean tracksDataSize() {
        return pending == null || pending.bson == null;
    }

    /** The entries of {@code document} in {@code index} prepared for the insert under way, or null. */
    OrderedIndex.Entries preparedEntries(OrderedIndex index, Document document) {
        PendingInsert insert = pending;
        return insert != null && insert.document == document ? insert.entries.get(index) : null;
    }

    /** Notes that {@code index} wrote an entry of the insert under way while checking its uniqueness. */
    void entryPut(OrderedIndex index, byte[] key) {
        pending.entriesPut.computeIfAbsent(index, ignored -> new ArrayList<>(1)).add(key);
    }

    /** Whether {@code index} wrote {@code document}'s entries earlier in the insert under way. */
    boolean entriesWerePut(OrderedIndex index, Document document) {
        PendingInsert insert = pending;
        return insert != null && insert.document == document && insert.entriesPut.containsKey(index);
    }

    /** Notes that {@code index} checked {@code document}'s uniqueness in the insert under way. */
    void uniquenessChecked(OrderedIndex index, Document document) {
        PendingInsert insert = pending;
        if (insert != null && insert.document == document) {
            insert.checkedUnique.add(index);
        }
    }

    /** Whether {@code index} checked {@code document}'s uniqueness earlier in the insert under way. */
    boolean uniquenessWasChecked(OrderedIndex index, Document document) {
        PendingInsert insert = pending;
        return insert != null && insert.document == document && insert.checkedUnique.contains(index);
    }

    // ---- storage -----------------------------------------------------------------------------------

    @Override
    protected void updateDataSize(int sizeDelta) {
        synchronized (metaMap) {
            long size = ((Number) metaMap.get(DATA_SIZE_KEY)).longValue();
            metaMap.put(DATA_SIZE_KEY, size + sizeDelta);
        }
    }

    @Override
    protected int getDataSize() {
        return ((Number) metaMap.get(DATA_SIZE_KEY)).intValue();
    }

    @Override
    protected Object addDocumentInternal(Document document) {
        String idField = getIdField();
        Object key = idField == null ? UUID.randomUUID()
            : IndexKeyExtractor.isTopLevelField(idField) ? document.getOrMissing(idField)
            : Utils.getSubdocumentValue(document, idField);
        Object position = Missing.ofNullable(key);
        PendingInsert insert = pending;
        byte[] bson = insert != null && insert.document == document && insert.bson != null
            ? insert.bson
            : DocumentCodec.encode(document);
        if (documents.put(position, document, bson)) {
            throw new IllegalStateException("document with key '" + key + "' already existed in " + this);
        }
        if (insert != null && insert.document == document) {
            insert.stored = true;
        }
        journal.put(this, position, bson);
        return position;
    }

    @Override
    public int count() {
        return documents.size();
    }

    @Override
    public boolean isEmpty() {
        return documents.isEmpty();
    }

    @Override
    protected Document getDocument(Object position) {
        return documents.get(position);
    }

    @Override
    protected void removeDocument(Object position) {
        if (!documents.remove(position)) {
            throw new NoSuchElementException("no document with key " + position);
        }
        journal.delete(this, position);
    }

    @Override
    protected void handleUpdate(Object position, Document oldDocument, Document newDocument) {
        Object key = Missing.ofNullable(position);
        byte[] bson = DocumentCodec.encode(newDocument);
        documents.put(key, newDocument, bson);
        journal.put(this, key, bson);
    }

    // ---- journal replay ----------------------------------------------------------------------------

    /**
     * Applies a journaled change: the document at {@code position} becomes the one {@code bson} encodes, or is
     * removed if {@code bson} is null; its index entries and the data size follow. Replaying the same change again
     * changes nothing.
     */
    synchronized void replay(Object position, byte[] bson) {
        Document before = documents.get(position);
        if (bson == null) {
            if (before != null) {
                for (Index<Object> index : getIndexes()) {
                    index.remove(before);
                }
                documents.remove(position);
                updateDataSize(-DocumentCodec.encode(before).length);
            }
            return;
        }
        Document after = DocumentCodec.decode(bson);
        if (before == null) {
            for (Index<Object> index : getIndexes()) {
                index.checkAdd(after, this);
            }
            documents.put(position, after, bson);
            for (Index<Object> index : getIndexes()) {
                index.add(after, position, this);
            }
            updateDataSize(bson.length);
        } else {
            for (Index<Object> index : getIndexes()) {
                index.checkUpdate(before, after, this);
            }
            for (Index<Object> index : getIndexes()) {
                index.updateInPlace(before, after, position, this);
            }
            documents.put(position, after, bson);
            updateDataSize(bson.length - DocumentCodec.encode(before).length);
        }
    }

    @Override
    protected Stream<DocumentWithPosition<Object>> streamAllDocumentsWithPosition() {
        return documents.all();
    }

    @Override
    protected QueryResult matchDocuments(Document query, Document orderBy, int numberToSkip, int limit, int batchSize,
                                         Document fieldSelector) {
        Stream<Document> stream = isNaturalDescending(orderBy)
            ? documents.all()
                .sorted((a, b) -> ValueComparator.desc().compare(a.getPosition(), b.getPosition()))
                .map(DocumentWithPosition::getDocument)
            : documents.documents();
        return matchDocumentsFromStream(stream, query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
    }

    // ---- queries -----------------------------------------------------------------------------------

    /**
     * Every query's last step (mongo-java-server's collects all matches into a list). Where the matches need no
     * sorting in memory and the client asked for batches, only the first batch is read now and a
     * {@link StreamingCursor} reads the rest as the client asks for it: a find without limit stays as cheap as
     * the part of it the client reads.
     */
    @Override
    protected QueryResult matchDocumentsFromStream(Document query, Stream<Document> documentStream, int numberToSkip,
                                                   int limit, int batchSize, Comparator<Document> documentComparator,
                                                   Document fieldSelector) {
        if (documentComparator != null || batchSize <= 0 || (limit > 0 && limit <= batchSize)) {
            return super.matchDocumentsFromStream(query, documentStream, numberToSkip, limit, batchSize,
                documentComparator, fieldSelector);
        }
        // read partly under the collection's lock, partly later by getMore: with a matcher of its own
        BiPredicate<Document, Document> matcher = ownMatcher();
        Stream<Document> matches = documentStream.filter(document -> matcher.test(document, query));
        if (numberToSkip > 0) {
            matches = matches.skip(numberToSkip);
        }
        if (limit > 0) {
            matches = matches.limit(limit);
        }
        Iterator<Document> remaining = matches.iterator();
        UnaryOperator<List<Document>> projection = batch -> project(batch, fieldSelector);
        List<Document> firstBatch = projection.apply(StreamingCursor.take(remaining, batchSize));
        if (!remaining.hasNext()) {
            return new QueryResult(firstBatch);
        }
        return new QueryResult(firstBatch, cursors.open(remaining, projection));
    }

    /** The documents as the projection {@code fieldSelector} shows them (mongo-java-server's projection). */
    private List<Document> project(List<Document> batch, Document fieldSelector) {
        if (fieldSelector == null || fieldSelector.isEmpty() || batch.isEmpty()) {
            return batch;
        }
        return super.matchDocumentsFromStream(new Document(), batch.stream(), 0, 0, 0, null, fieldSelector)
            .collectDocuments();
    }

    @Override
    protected QueryResult queryDocuments(Document query, Document orderBy, int numberToSkip, int limit, int batchSize,
                                         Document fieldSelector) {
        if (isNaturalDescending(orderBy)) {
            recordCollectionScan(query, orderBy);
            return matchDocuments(query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
        }
        Candidates candidates = candidates(query, orderBy, this::documentMatchesQuery);
        return matchDocumentsFromStream(candidates.residualQuery(), candidates.documents(), numberToSkip, limit,
            batchSize, candidates.sort(), fieldSelector);
    }

    /**
     * The documents matching {@code query}, in {@code orderBy} order, skipped and limited, as a lazy stream: read as
     * the stream is consumed, unless they must be sorted in memory (no index provides the order). For aggregations,
     * whose stages consume a stream.
     */
    Stream<Document> matches(Document query, Document orderBy, int numberToSkip, int limit) {
        BiPredicate<Document, Document> matcher = ownMatcher();
        Stream<Document> matches;
        if (isNaturalDescending(orderBy)) {
            recordCollectionScan(query, orderBy);
            matches = documents.all()
                .sorted((a, b) -> ValueComparator.desc().compare(a.getPosition(), b.getPosition()))
                .map(DocumentWithPosition::getDocument)
                .filter(document -> matcher.test(document, query));
        } else {
            Candidates candidates = candidates(query, orderBy, matcher);
            matches = candidates.documents().filter(document -> matcher.test(document, candidates.residualQuery()));
            if (candidates.sort() != null) {
                matches = matches.sorted(candidates.sort());
            }
        }
        if (numberToSkip > 0) {
            matches = matches.skip(numberToSkip);
        }
        return limit > 0 ? matches.limit(limit) : matches;
    }

    /**
     * What a query reads: the candidates of the index that narrows it most (or every document), the part of the
     * query still to match against them, and the sort still to apply (null if the walk is in order already).
     */
    private record Candidates(Stream<Document> documents, Document residualQuery, Comparator<Document> sort) {
    }

    /**
     * A matcher of its own, for a stream that is read outside the collection's lock: mongo-java-server's matcher
     * remembers the array position of its last match (for the positional update operator), so it is not shared.
     */
    private static BiPredicate<Document, Document> ownMatcher() {
        QueryMatcher matcher = new DefaultQueryMatcher();
        return matcher::matches;
    }

    private Candidates candidates(Document query, Document orderBy, BiPredicate<Document, Document> matcher) {
        QueryPlan plan = QueryPlanner.plan(query, orderBy, orderedIndexes());
        boolean counted = !getCollectionName().startsWith("system.");
        if (log.isDebugEnabled() && counted) {
            log.debug("{} {} sort {}: {}", getFullName(), query, orderBy, plan.describe());
        }
        if (plan.isCollectionScan()) {
            if (counted) {
                metrics.recordCollectionScan();
            }
            Stream<Document> all = documents.documents();
            return new Candidates(counted ? all.peek(d -> metrics.recordDocumentExamined()) : all, query,
                deriveComparator(orderBy));
        }
        metrics.recordIndexQuery(getFullName(), plan.index().getName());
        Comparator<Document> sort = plan.providesOrder() ? null : deriveComparator(orderBy);
        SetConditions sets = SetConditions.of(query);
        Stream<Document> candidates = sets.isEmpty() ? candidates(plan)
            : candidates(plan).filter(document -> sets.accepts(document, matcher));
        return new Candidates(candidates, sets.residual(), sort);
    }

    private void recordCollectionScan(Document query, Document orderBy) {
        if (!getCollectionName().startsWith("system.")) {
            log.debug("{} {} sort {}: collection scan", getFullName(), query, orderBy);
            metrics.recordCollectionScan();
        }
    }

    /** The number of documents in the collection, without reading them. */
    int size() {
        return documents.size();
    }

    /** The documents an index walk proposes, lazily, once each. */
    private Stream<Document> candidates(QueryPlan plan) {
        Iterator<Object> positions = plan.index().positionsIn(plan.ranges(), plan.reverse());
        Stream<Object> stream = StreamSupport.stream(Spliterators.spliteratorUnknownSize(positions, Spliterator.ORDERED), false);
        if (plan.index().isMultikey()) {
            Set<Object> seen = new HashSet<>();
            stream = stream.filter(seen::add); // a document with an array has one entry per element
        }
        return stream
            .peek(position -> metrics.recordDocumentExamined())
            .map(documents.walkReader())
            .filter(Objects::nonNull);
    }

    private List<OrderedIndex> orderedIndexes() {
        List<OrderedIndex> ordered = new ArrayList<>();
        for (Index<Object> index : getIndexes()) {
            if (index instanceof OrderedIndex orderedIndex) {
                ordered.add(orderedIndex);
            }
        }
        return ordered;
    }

    /** Builds a new index over the existing documents; a failed build leaves no entries behind. */
    @Override
    public synchronized void addIndex(Index<Object> index) {
        boolean building = getIndexes().stream().noneMatch(existing -> existing.getName().equals(index.getName()))
            && index.isEmpty();
        try {
            super.addIndex(index);
        } catch (RuntimeException e) {
            if (building && index instanceof OrderedIndex orderedIndex) {
                orderedIndex.clear();
            }
            throw e;
        } finally {
            orderedIndexes = List.copyOf(orderedIndexes());
        }
    }

    @Override
    public synchronized void dropIndex(String indexName) {
        try {
            super.dropIndex(indexName);
        } finally {
            orderedIndexes = List.copyOf(orderedIndexes());
        }
    }

    /**
     * One step of merging the indexes' small segments while writes pause ({@link SegmentMerges}); whether more remains.
     * Under the collection's lock, so that an index dropped meanwhile (no longer in the list, its maps removed after)
     * is left alone.
     */
    synchronized boolean mergeIndexSegments(int entries) {
        boolean more = false;
        for (OrderedIndex index : orderedIndexes) {
            if (index.mergeWhileWritesPause(entries)) {
                more = true;
            }
        }
        return more;
    }

    /** The document at {@code position}, or null; for uniqueness checks of inexactly encoded keys. */
    Document documentAt(Object position) {
        return getDocument(position);
    }
}
