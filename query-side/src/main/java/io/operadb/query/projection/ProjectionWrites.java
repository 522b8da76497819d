package io.operadb.query.projection;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.InsertOneModel;
import com.mongodb.client.model.WriteModel;
import com.mongodb.client.model.BulkWriteOptions;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;
import io.operadb.api.entity.EntityEvent;
import io.operadb.query.readmodel.BsonValues;
import io.operadb.query.readmodel.ReadModels;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Read-model writes of one batch of events, written together: a processor's batch of up to a hundred events costs
 * one bulk write per collection instead of two writes per event. Reads made while projecting see the batch's own
 * pending writes first, so the second event of an entity in a batch folds onto the first.
 * <p>
 * {@link #flush()} is called by the group's interceptor after the batch's last event, still inside the processing
 * phase, so the writes are done before the processor stores its token (a crash in between redelivers the batch,
 * which the idempotent handlers absorb). Outside a unit of work a write goes straight to MongoDB.
 */
@Component
public class ProjectionWrites {

    private static final String RESOURCE = ProjectionWrites.class.getName();
    private static final String READ_AHEAD = ProjectionWrites.class.getName() + ".readAhead";
    private static final String STATE = "state";

    private final MongoTemplate mongo;

    public ProjectionWrites(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /**
     * Pending documents by collection, then by id, in the order first written; the entity states saved with
     * {@link #saveEntity}, kept as the reducer made them and converted to BSON only when written (an entity with a
     * large state, a coin's thousand balances, that has many events in a batch is converted once, not per event); the
     * ids known not to be stored yet, whose documents are inserted rather than upserted; and the documents written
     * once ({@link #insertOnce}), by their natural key.
     */
    private static final class Pending {
        final Map<String, Map<Object, Document>> documents = new LinkedHashMap<>();
        final Map<String, Map<Object, Map<String, Object>>> states = new HashMap<>();
        final Map<String, Set<Object>> absent = new HashMap<>();
        final Map<String, Map<Document, Document>> once = new LinkedHashMap<>();

        Map<Object, Document> documents(String collection) {
            return documents.computeIfAbsent(collection, c -> new LinkedHashMap<>());
        }

        Map<Object, Map<String, Object>> states(String collection) {
            return states.computeIfAbsent(collection, c -> new HashMap<>());
        }

        Set<Object> absent(String collection) {
            return absent.computeIfAbsent(collection, c -> new HashSet<>());
        }

        /** The document with its state in BSON, as MongoDB would return it. */
        Document materialized(String collection, Object id, Document document) {
            Map<String, Object> state = states(collection).remove(id);
            if (state != null) {
                document.put(STATE, BsonValues.toDocument(state));
            }
            return document;
        }

        void clear() {
            documents.clear();
            states.clear();
            absent.clear();
            once.clear();
        }
    }

    /** An entity document and, if this batch saved it with {@link #saveEntity}, its state not yet converted. */
    public record Found(Document document, Map<String, Object> pendingState) {
    }

    public Document findById(String collection, Object id) {
        // created here, not at the first save: an absence found by the batch's first read is remembered too
        Pending pending = pending(true);
        if (pending != null) {
            Map<Object, Document> ofCollection = pending.documents.get(collection);
            if (ofCollection != null && ofCollection.containsKey(id)) {
                return pending.materialized(collection, id, ofCollection.get(id));
            }
        }
        Map<Object, Document> read = readAhead(collection);
        Document found = read != null && read.containsKey(id) ? read.get(id) // null: known not to exist
                : mongo.getCollection(collection).find(Filters.eq("_id", id)).first();
        if (found == null && pending != null) {
            pending.absent(collection).add(id);
        }
        return found;
    }

    /**
     * The entity documents of the whole batch, read with one query the first time the batch asks for one: a
     * processor's batch of a hundred events then costs one read instead of a hundred round trips.
     */
    private Map<Object, Document> readAhead(String collection) {
        if (!CurrentUnitOfWork.isStarted()
                || !(CurrentUnitOfWork.get().root() instanceof BatchingUnitOfWork<?> batch)) {
            return null;
        }
        Map<String, Map<Object, Document>> byCollection = batch.getOrComputeResource(READ_AHEAD, k -> new HashMap<>());
        return byCollection.computeIfAbsent(collection, c -> {
            Set<Object> keys = new LinkedHashSet<>();
            for (Object message : batch.getMessages()) {
                if (message instanceof org.axonframework.messaging.Message<?> m
                        && m.getPayload() instanceof EntityEvent event) {
                    keys.add(ReadModels.entityKey(event.account(), event.schema(), event.entityId()));
                }
            }
            if (keys.size() < 2) {
                return Map.of();
            }
            Map<Object, Document> found = new HashMap<>();
            keys.forEach(key -> found.put(key, null));
            mongo.getCollection(c).find(Filters.in("_id", keys)).forEach(d -> found.put(d.get("_id"), d));
            return found;
        });
    }

    /**
     * An entity document as {@link #findById}, except that the state of one this batch saved with {@link #saveEntity}
     * comes back as it was saved, unconverted (the document's own state field is then not filled in).
     */
    public Found findEntity(String collection, Object id) {
        Pending pending = pending(false);
        if (pending != null) {
            Map<Object, Document> ofCollection = pending.documents.get(collection);
            if (ofCollection != null && ofCollection.containsKey(id)) {
                Map<String, Object> state = pending.states(collection).get(id);
                Document document = ofCollection.get(id);
                return new Found(document, state);
            }
        }
        return new Found(findById(collection, id), null);
    }

    public void save(String collection, Document document) {
        Pending pending = pending(true);
        if (pending == null) {
            mongo.getCollection(collection).replaceOne(Filters.eq("_id", document.get("_id")), document,
                    new ReplaceOptions().upsert(true));
            return;
        }
        pending.documents(collection).put(document.get("_id"), document);
        pending.states(collection).remove(document.get("_id"));
    }

    /**
     * Writes a document that never changes once written (an event of the feed) unless one with the same
     * {@code key} (a filter on fields with a unique index) is stored already: a redelivered event leaves the stored
     * copy as it is, whatever its {@code _id} (feeds written before their ids grew with time keep theirs). Within a
     * batch these are inserted together, unordered, and the copies already stored are passed over: an insert costs
     * the store a fraction of an upsert.
     */
    public void insertOnce(String collection, Document key, Document document) {
        Pending pending = pending(true);
        if (pending == null) {
            insertPassingOverStored(mongo.getCollection(collection), List.of(document));
            return;
        }
        pending.once.computeIfAbsent(collection, c -> new LinkedHashMap<>()).putIfAbsent(key, document);
    }

    private static void insertPassingOverStored(MongoCollection<Document> collection, List<Document> documents) {
        try {
            collection.insertMany(documents, new InsertManyOptions().ordered(false));
        } catch (MongoBulkWriteException e) {
            boolean onlyStoredAlready = e.getWriteErrors().stream()
                    .allMatch(error -> ErrorCategory.fromErrorCode(error.getCode()) == ErrorCategory.DUPLICATE_KEY);
            if (!onlyStoredAlready || e.getWriteConcernError() != null) {
                throw e;
            }
        }
    }

    /**
     * Saves an entity document whose {@code state} field is {@code state}, a canonical map as the reducer returns it;
     * within a batch the conversion to BSON waits until the write.
     */
    public void saveEntity(String collection, Document document, Map<String, Object> state) {
        Pending pending = pending(true);
        if (pending == null) {
            save(collection, document.append(STATE, BsonValues.toDocument(state)));
            return;
        }
        Object id = document.get("_id");
        pending.documents(collection).put(id, document.append(STATE, null));
        pending.states(collection).put(id, state);
    }

    /**
     * Writes what the current unit of work holds, and forgets it: first the documents written once, then the others,
     * each collection in one bulk write. A document whose id was known not to be stored is inserted (only this
     * processor's segment writes an entity's documents), every other one replaced.
     */
    public void flush() {
        Pending pending = pending(false);
        if (pending == null) {
            return;
        }
        pending.once.forEach((collection, documents) ->
                insertPassingOverStored(mongo.getCollection(collection), new ArrayList<>(documents.values())));
        pending.documents.forEach((collection, documents) -> {
            Set<Object> absent = pending.absent.getOrDefault(collection, Set.of());
            List<WriteModel<Document>> writes = new ArrayList<>(documents.size());
            documents.forEach((id, document) -> {
                Document materialized = pending.materialized(collection, id, document);
                writes.add(absent.contains(id) ? new InsertOneModel<>(materialized)
                        : new ReplaceOneModel<>(Filters.eq("_id", id), materialized, new ReplaceOptions().upsert(true)));
            });
            if (!writes.isEmpty()) {
                mongo.getCollection(collection).bulkWrite(writes, new BulkWriteOptions().ordered(true));
            }
        });
        pending.clear();
    }

    private Pending pending(boolean create) {
        if (!CurrentUnitOfWork.isStarted()) {
            return null;
        }
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        if (create) {
            return root.getOrComputeResource(RESOURCE, k -> new Pending());
        }
        return root.getResource(RESOURCE);
    }
}
