package io.operadb.embeddedmongo;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import org.h2.mvstore.MVMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.DocumentWithPosition;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.bson.Document;

/**
 * mongo-java-server's H2 collection with queries planned over {@link OrderedIndex ordered indexes}:
 * a query that an index can narrow reads only the index's candidates (in index order when that is
 * the sort order, stopping at the limit), every other query scans the collection as before.
 */
final class IndexedH2Collection extends H2Collection {

    private static final Logger log = LoggerFactory.getLogger(IndexedH2Collection.class);

    private final QueryMetrics metrics;

    IndexedH2Collection(MongoDatabase database, String collectionName, CollectionOptions options,
                        MVMap<Object, Document> dataMap, MVMap<String, Object> metaMap,
                        CursorRegistry cursorRegistry, QueryMetrics metrics) {
        super(database, collectionName, options, dataMap, metaMap, cursorRegistry);
        this.metrics = metrics;
    }

    @Override
    protected QueryResult queryDocuments(Document query, Document orderBy, int numberToSkip, int limit, int batchSize,
                                         Document fieldSelector) {
        QueryPlan plan = QueryPlanner.plan(query, orderBy, orderedIndexes());
        boolean counted = !getCollectionName().startsWith("system.");
        if (log.isDebugEnabled() && counted) {
            log.debug("{} {} sort {}: {}", getFullName(), query, orderBy, plan.describe());
        }
        if (plan.isCollectionScan()) {
            if (counted) {
                metrics.recordCollectionScan();
            }
            if (isNaturalDescending(orderBy)) {
                return matchDocuments(query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
            }
            Stream<Document> all = streamAllDocumentsWithPosition().map(DocumentWithPosition::getDocument);
            return matchDocumentsFromStream(query, counted ? all.peek(d -> metrics.recordDocumentExamined()) : all,
                numberToSkip, limit, batchSize, deriveComparator(orderBy), fieldSelector);
        }
        metrics.recordIndexQuery(getFullName(), plan.index().getName());
        Comparator<Document> sort = plan.providesOrder() ? null : deriveComparator(orderBy);
        SetConditions sets = SetConditions.of(query);
        Stream<Document> candidates = sets.isEmpty() ? candidates(plan)
            : candidates(plan).filter(document -> sets.accepts(document, this::documentMatchesQuery));
        return matchDocumentsFromStream(sets.residual(), candidates, numberToSkip, limit, batchSize, sort,
            fieldSelector);
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
            .map(this::getDocument)
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
        }
    }

    /** The document at {@code position}, or null; for uniqueness checks of inexactly encoded keys. */
    Document documentAt(Object position) {
        return getDocument(position);
    }
}
