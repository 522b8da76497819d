package io.operadb.embeddedmongo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.DatabaseResolver;
import de.bwaldvogel.mongo.backend.Utils;
import de.bwaldvogel.mongo.backend.aggregation.Aggregation;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.oplog.Oplog;

/**
 * Runs an aggregation whose pipeline starts with {@code $match} on the documents a query for that
 * {@code $match} returns, instead of on the whole collection as mongo-java-server does, so that
 * indexes serve it ({@code countDocuments} of the Java driver and Spring Data's counts are such
 * pipelines). A {@code $sort} right after the {@code $match}, with the {@code $skip}/{@code $limit}
 * after it, is pushed into that query too, so that an index walk in sort order stops early.
 * <p>
 * The whole pipeline, the pushed-down stages included, still runs on the query's result; re-applying
 * them to documents that already satisfy them changes nothing, which keeps this rewrite obviously safe.
 */
final class IndexedAggregation {

    private IndexedAggregation() {
    }

    /** True for pipelines this class answers: a leading {@code $match}, and no change stream. */
    static boolean applies(Document command, MongoCollection<?> collection) {
        if (collection == null || !(command.get("pipeline") instanceof List<?> stages) || stages.isEmpty()) {
            return false;
        }
        return stages.get(0) instanceof Document first && first.size() == 1 && first.get("$match") instanceof Document;
    }

    static Document run(Document command, MongoCollection<Object> collection, MongoDatabase database,
                        DatabaseResolver databaseResolver, Oplog oplog) {
        List<Document> pipeline = Aggregation.parse(command.get("pipeline"));
        Aggregation aggregation = Aggregation.fromPipeline(pipeline, databaseResolver, database, collection, oplog);
        aggregation.validate(command);

        Document match = (Document) pipeline.get(0).get("$match");
        Document orderBy = null;
        int limit = 0;
        if (pipeline.size() > 1 && pipeline.get(1).get("$sort") instanceof Document sort) {
            orderBy = sort;
            limit = pushableLimit(pipeline.subList(2, pipeline.size()));
        }
        List<Document> result = aggregation.runStages(candidates(collection, match, orderBy, limit, pipeline));

        Document cursor = new Document("id", 0L)
            .append("ns", collection.getFullName())
            .append("firstBatch", result);
        Document response = new Document("cursor", cursor);
        Utils.markOkay(response);
        return response;
    }

    /**
     * The documents the pipeline's stages run on, as a stream that the stages consume as they go: a count or a group
     * over a large collection then holds no more than the stage's own state. A count of a whole collection (the
     * driver's {@code countDocuments()} without filter) reads no document at all: its {@code $group} counts as many
     * empty documents as the collection holds.
     */
    private static Stream<Document> candidates(MongoCollection<Object> collection, Document match, Document orderBy,
                                               int limit, List<Document> pipeline) {
        if (!(collection instanceof IndexedH2Collection indexed)) {
            Document query = new Document("$query", match);
            if (orderBy != null) {
                query.put("$orderby", orderBy);
            }
            List<Document> candidates = new ArrayList<>();
            collection.handleQuery(query, 0, limit).forEach(candidates::add);
            return candidates.stream();
        }
        if (match.isEmpty() && pipeline.size() == 2 && isCount(pipeline.get(1))) {
            return Stream.generate(Document::new).limit(indexed.size());
        }
        return indexed.matches(match, orderBy, 0, limit);
    }

    /** {@code {$group: {_id: <constant>, <field>: {$sum: 1}}}}, as the drivers count. */
    private static boolean isCount(Document stage) {
        if (!(stage.get("$group") instanceof Document group) || group.size() != 2 || !group.containsKey("_id")
            || group.get("_id") instanceof Document || group.get("_id") instanceof String path && path.startsWith("$")) {
            return false;
        }
        for (Map.Entry<String, Object> field : group.entrySet()) {
            if (!field.getKey().equals("_id")) {
                return field.getValue() instanceof Document sum && sum.size() == 1
                    && sum.get("$sum") instanceof Number one && one.intValue() == 1 && one.doubleValue() == 1.0;
            }
        }
        return false;
    }

    /** skip + limit of the {@code $skip}/{@code $limit} stages that directly follow the sort, or 0 for none. */
    private static int pushableLimit(List<Document> following) {
        long skip = 0;
        for (Document stage : following) {
            if (stage.get("$skip") instanceof Number n) {
                skip += n.longValue();
            } else if (stage.get("$limit") instanceof Number n) {
                return (int) Math.min(Integer.MAX_VALUE, skip + n.longValue());
            } else {
                return 0;
            }
        }
        return 0;
    }
}
