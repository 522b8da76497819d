package io.operadb.query.entity;

import io.operadb.api.entity.EntityEvent;
import io.operadb.api.entity.EntityReducer;
import io.operadb.api.problem.FieldError;
import io.operadb.api.problem.OperaDbException;
import io.operadb.api.problem.ProblemKind;
import io.operadb.api.schema.CompiledSchema;
import io.operadb.api.schema.SchemaVersionLookup;
import io.operadb.query.projection.FreshReads;
import io.operadb.query.schema.SchemaReads;
import io.operadb.query.schema.SchemaVersions;
import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The audit diff of an entity between two of its versions: both states are rebuilt from its events with the shared
 * reducer (the way {@code atVersion} does, migrations included), compared leaf by leaf, and each changed path names
 * the events in between whose folding changed it, with their actors.
 */
@Component
public class EntityDiffs {

    private final MongoTemplate mongo;
    private final FreshReads fresh;
    private final SchemaReads schemas;
    private final SchemaVersions versions;
    private final EntityReducer reducer;

    private final io.operadb.query.readmodel.ReadModelGenerations generations;

    public EntityDiffs(MongoTemplate mongo, FreshReads fresh, SchemaReads schemas, SchemaVersions versions,
                       EntityReducer reducer, io.operadb.query.readmodel.ReadModelGenerations generations) {
        this.generations = generations;
        this.mongo = mongo;
        this.fresh = fresh;
        this.schemas = schemas;
        this.versions = versions;
        this.reducer = reducer;
    }

    /**
     * @throws OperaDbException INVALID_INPUT (400, {@code query.from}/{@code query.to}) unless
     *         {@code 0 <= from < to <= current version}; UNKNOWN_SCHEMA or UNKNOWN_ENTITY (404)
     */
    public Map<String, Object> diff(String account, String schema, String id, String fromText, String toText) {
        List<FieldError> errors = new ArrayList<>();
        Long from = integer("query.from", fromText, errors);
        Long to = integer("query.to", toText, errors);
        if (from != null && from < 0) {
            errors.add(new FieldError("query.from", "must be 0 (before creation) or more"));
        }
        if (to != null && to < 1) {
            errors.add(new FieldError("query.to", "must be 1 or more"));
        }
        if (from != null && to != null && from >= to && to >= 1 && from >= 0) {
            errors.add(new FieldError("query.from", "must be less than to (" + to + ")"));
        }
        if (!errors.isEmpty()) {
            throw new OperaDbException(ProblemKind.INVALID_INPUT, "the diff query is not valid", errors);
        }
        schemas.requireLatest(account, schema);
        Criteria ofEntity = new Criteria().andOperator(Criteria.where("account").is(account),
                Criteria.where("schema").is(schema), Criteria.where("id").is(id));
        String events = generations.routes(account, null).events();
        long current = fresh.find(() -> Optional.of(currentVersion(ofEntity, events)).filter(v -> v >= to))
                .orElseGet(() -> currentVersion(ofEntity, events));
        if (current == 0) {
            throw new OperaDbException(ProblemKind.UNKNOWN_ENTITY, "no " + schema + " with id " + id);
        }
        if (to > current) {
            throw new OperaDbException(ProblemKind.INVALID_INPUT, "the diff query is not valid",
                    List.of(new FieldError("query.to", "must be at most the entity's current version, " + current)));
        }
        List<Document> documents = mongo.find(new Query(new Criteria().andOperator(ofEntity,
                Criteria.where("version").lte(to))).with(Sort.by(Sort.Direction.ASC, "version")), Document.class,
                events);
        return fold(account, schema, id, from, to, documents.stream().map(EntityDocuments::toEvent).toList());
    }

    private Map<String, Object> fold(String account, String schema, String id, long from, long to,
                                     List<EntityEvent> events) {
        SchemaVersionLookup lookup = lookup(account, schema);
        Map<String, Object> state = new LinkedHashMap<>();
        int stateSchemaVersion = 0;
        Map<String, Object> fromLeaves = StateDiff.leaves(state);
        int fromSchemaVersion = 0;
        // for each leaf path, the events in (from, to] whose folding changed it
        Map<String, List<Map<String, Object>>> touchedBy = new HashMap<>();
        for (EntityEvent event : events) {
            Map<String, Object> before = StateDiff.leaves(state);
            state = reducer.reduce(lookup, stateSchemaVersion, state, event);
            stateSchemaVersion = event.schemaVersion();
            if (event.version() <= from) {
                fromLeaves = StateDiff.leaves(state);
                fromSchemaVersion = stateSchemaVersion;
                continue;
            }
            Map<String, Object> after = StateDiff.leaves(state);
            for (String path : StateDiff.changedPaths(before, after)) {
                touchedBy.computeIfAbsent(path, p -> new ArrayList<>()).add(changedBy(event));
            }
        }
        Map<String, Object> toLeaves = StateDiff.leaves(state);
        Set<String> changed = StateDiff.changedPaths(fromLeaves, toLeaves);
        List<Map<String, Object>> changes = new ArrayList<>();
        for (String path : changed) {
            Object before = fromLeaves.get(path);
            Object after = toLeaves.get(path);
            Map<String, Object> change = new LinkedHashMap<>();
            change.put("path", path);
            change.put("kind", before == null ? "added" : after == null ? "removed" : "changed");
            change.put("before", StateDiff.wire(before));
            change.put("after", StateDiff.wire(after));
            change.put("changedBy", touchedBy.getOrDefault(path, List.of()));
            changes.add(change);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("account", account);
        body.put("schema", schema);
        body.put("id", id);
        body.put("from", from);
        body.put("to", to);
        body.put("fromSchemaVersion", fromSchemaVersion);
        body.put("toSchemaVersion", stateSchemaVersion);
        body.put("changes", changes);
        return body;
    }

    private static Map<String, Object> changedBy(EntityEvent event) {
        Map<String, Object> by = new LinkedHashMap<>();
        by.put("version", event.version());
        by.put("eventId", event.eventId());
        by.put("type", event.type());
        by.put("schemaVersion", event.schemaVersion());
        by.put("actor", event.actor());
        by.put("timestamp", event.timestamp());
        return by;
    }

    private long currentVersion(Criteria ofEntity, String events) {
        Query last = new Query(ofEntity).with(Sort.by(Sort.Direction.DESC, "version")).limit(1);
        last.fields().include("version");
        Document document = mongo.findOne(last, Document.class, events);
        return document == null ? 0 : document.get("version", Number.class).longValue();
    }

    private SchemaVersionLookup lookup(String account, String schema) {
        Map<Integer, CompiledSchema> used = new HashMap<>();
        return v -> used.computeIfAbsent(v, n -> versions.version(account, schema, n));
    }

    private static Long integer(String path, String text, List<FieldError> errors) {
        if (text == null || text.isBlank()) {
            errors.add(new FieldError(path, "is required (an entity version)"));
            return null;
        }
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            errors.add(new FieldError(path, "must be an integer"));
            return null;
        }
    }
}
