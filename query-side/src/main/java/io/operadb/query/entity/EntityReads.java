package io.operadb.query.entity;

import io.operadb.api.entity.EntityEvent;
import io.operadb.api.entity.EntityReducer;
import io.operadb.api.problem.FieldError;
import io.operadb.api.problem.OperaDbException;
import io.operadb.api.problem.ProblemKind;
import io.operadb.api.schema.CompiledSchema;
import io.operadb.api.schema.SchemaVersionLookup;
import io.operadb.query.config.QuerySideProperties;
import io.operadb.query.projection.FreshReads;
import io.operadb.query.readmodel.KeysetPager;
import io.operadb.query.readmodel.Page;
import io.operadb.query.readmodel.ReadModelGenerations;
import io.operadb.query.readmodel.ReadModels;
import io.operadb.query.schema.SchemaReads;
import io.operadb.query.schema.SchemaVersions;
import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Entity reads: current state, lists, history, the account feed, and past states rebuilt from events. */
@Component
public class EntityReads {

    private final MongoTemplate mongo;
    private final FreshReads fresh;
    private final SchemaReads schemas;
    private final SchemaVersions versions;
    private final EntityReducer reducer;
    private final QuerySideProperties properties;
    private final ReadModelGenerations generations;

    public EntityReads(MongoTemplate mongo, FreshReads fresh, SchemaReads schemas, SchemaVersions versions,
                       EntityReducer reducer, QuerySideProperties properties, ReadModelGenerations generations) {
        this.mongo = mongo;
        this.generations = generations;
        this.fresh = fresh;
        this.schemas = schemas;
        this.versions = versions;
        this.reducer = reducer;
        this.properties = properties;
    }

    public Map<String, Object> current(String account, String schema, String id, Long minVersion) {
        schemas.requireLatest(account, schema);
        String key = ReadModels.entityKey(account, schema, id);
        if (minVersion != null && !exists(account, schema, key)) {
            throw unknownEntity(schema, id);
        }
        if (minVersion != null && !fresh.awaitVersion(minVersion, () -> storedVersion(account, schema, key))) {
            throw new OperaDbException(ProblemKind.PROJECTION_BEHIND, "the read model of " + schema + " " + id
                    + " is at version " + storedVersion(account, schema, key) + ", not yet " + minVersion
                    + "; retry shortly");
        }
        Document document = fresh.find(() -> Optional.ofNullable(mongo.findById(key, Document.class,
                generations.routes(account, schema).entities()))).orElseThrow(() -> unknownEntity(schema, id));
        return EntityDocuments.entity(document);
    }

    public Map<String, Object> atVersion(String account, String schema, String id, long version) {
        if (version < 1) {
            throw invalid("query.atVersion", "must be 1 or more");
        }
        return rebuild(account, schema, id, Criteria.where("version").lte(version), "version " + version, version);
    }

    public Map<String, Object> asOf(String account, String schema, String id, Instant instant) {
        return rebuild(account, schema, id, Criteria.where("timestamp").lte(Date.from(instant)), "at " + instant,
                null);
    }

    /** {@code visibility}: the reader's read-rule condition, part of the database query (never applied after). */
    public Page<Map<String, Object>> list(String account, String schema, Map<String, List<String>> filters,
                                          String sort, String after, Integer limit, Optional<Criteria> visibility) {
        CompiledSchema compiled = schemas.requireLatest(account, schema);
        List<FieldError> errors = new ArrayList<>();
        List<Criteria> criteria = new ArrayList<>();
        criteria.add(Criteria.where("account").is(account));
        criteria.add(Criteria.where("schema").is(schema));
        visibility.ifPresent(criteria::add);
        criteria.addAll(EntityFilters.parse(compiled, filters, errors));
        String sortSpec = sort == null || sort.isBlank() ? "id" : sort.trim();
        boolean descending = sortSpec.startsWith("-");
        String sortName = descending ? sortSpec.substring(1) : sortSpec;
        Optional<String> sortField = EntityFilters.sortField(compiled, sortName);
        if (sortField.isEmpty()) {
            errors.add(new FieldError("query.sort", "cannot sort by " + sortName
                    + "; use id, version, createdAt, updatedAt or state.<field>, with - for descending"));
        }
        int size = limit(limit, errors);
        if (!errors.isEmpty()) {
            throw new OperaDbException(ProblemKind.INVALID_INPUT, "the list query is not valid", errors);
        }
        Page<Document> page = KeysetPager.page(mongo, generations.routes(account, schema).entities(),
                new Criteria().andOperator(criteria.toArray(Criteria[]::new)), sortField.get(), descending,
                after, size);
        return new Page<>(page.items().stream().map(EntityDocuments::entity).toList(), page.next());
    }

    public Page<Map<String, Object>> history(String account, String schema, String id, String after,
                                             Integer limit) {
        schemas.requireLatest(account, schema);
        List<FieldError> errors = new ArrayList<>();
        int size = limit(limit, errors);
        if (!errors.isEmpty()) {
            throw new OperaDbException(ProblemKind.INVALID_INPUT, "the query is not valid", errors);
        }
        Criteria ofEntity = ofEntity(account, schema, id);
        fresh.find(() -> Optional.ofNullable(mongo.findOne(new Query(ofEntity), Document.class, events(account))))
                .orElseThrow(() -> unknownEntity(schema, id));
        Page<Document> page = KeysetPager.page(mongo, events(account), ofEntity, "version", false, after, size);
        return new Page<>(page.items().stream().map(EntityDocuments::event).toList(), page.next());
    }

    public Page<Map<String, Object>> feed(String account, String type, String actor, String after, Integer limit,
                                          Optional<Criteria> visibility) {
        List<FieldError> errors = new ArrayList<>();
        int size = limit(limit, errors);
        if (!errors.isEmpty()) {
            throw new OperaDbException(ProblemKind.INVALID_INPUT, "the query is not valid", errors);
        }
        List<Criteria> criteria = new ArrayList<>();
        criteria.add(Criteria.where("account").is(account));
        visibility.ifPresent(criteria::add);
        if (type != null && !type.isBlank()) {
            criteria.add(Criteria.where("type").is(type));
        }
        if (actor != null && !actor.isBlank()) {
            criteria.add(Criteria.where("actor").is(io.operadb.api.actor.ActorIds.normalize(actor)));
        }
        Page<Document> page = KeysetPager.page(mongo, events(account),
                new Criteria().andOperator(criteria.toArray(Criteria[]::new)), "timestamp", true, after, size);
        return new Page<>(page.items().stream().map(EntityDocuments::event).toList(), page.next());
    }

    private Map<String, Object> rebuild(String account, String schema, String id, Criteria until, String when,
                                        Long requestedVersion) {
        schemas.requireLatest(account, schema);
        Query query = new Query(new Criteria().andOperator(ofEntity(account, schema, id), until))
                .with(Sort.by(Sort.Direction.ASC, "version"));
        List<Document> events = fresh.find(() -> Optional.of(mongo.find(query, Document.class, events(account)))
                .filter(found -> !found.isEmpty())).orElse(List.of());
        if (events.isEmpty()) {
            boolean exists = mongo.exists(new Query(ofEntity(account, schema, id)), events(account));
            throw new OperaDbException(exists ? ProblemKind.NOT_FOUND : ProblemKind.UNKNOWN_ENTITY,
                    exists ? schema + " " + id + " did not exist " + when : "no " + schema + " with id " + id);
        }
        Map<String, Object> state = new LinkedHashMap<>();
        SchemaVersionLookup lookup = lookup(account, schema);
        EntityEvent first = null;
        EntityEvent last = null;
        for (Document document : events) {
            EntityEvent event = EntityDocuments.toEvent(document);
            state = reducer.reduce(lookup, last == null ? 0 : last.schemaVersion(), state, event);
            first = first == null ? event : first;
            last = event;
        }
        if (requestedVersion != null && last.version() < requestedVersion) {
            throw new OperaDbException(ProblemKind.NOT_FOUND, schema + " " + id + " has no " + when
                    + "; its latest version is " + last.version());
        }
        return EntityDocuments.entity(account, schema, id, last.schemaVersion(), last.version(), state,
                first.timestamp(), first.actor(), last.timestamp(), last.actor());
    }

    /** The schema's versions for the reducer's migrations chain, each compiled once per rebuild. */
    private SchemaVersionLookup lookup(String account, String schema) {
        Map<Integer, CompiledSchema> used = new HashMap<>();
        return v -> used.computeIfAbsent(v, n -> versions.version(account, schema, n));
    }

    /** Whether the entity exists once the projections have caught up with the store (bounded wait). */
    private boolean exists(String account, String schema, String key) {
        return fresh.find(() -> storedVersion(account, schema, key) > 0 ? Optional.of(Boolean.TRUE)
                : Optional.empty()).isPresent();
    }

    private String events(String account) {
        return generations.routes(account, null).events();
    }

    private long storedVersion(String account, String schema, String key) {
        Query query = new Query(Criteria.where("_id").is(key));
        query.fields().include("version");
        Document document = mongo.findOne(query, Document.class, generations.routes(account, schema).entities());
        return document == null ? 0 : document.get("version", Number.class).longValue();
    }

    private int limit(Integer limit, List<FieldError> errors) {
        if (limit == null) {
            return properties.defaultLimit();
        }
        if (limit < 1 || limit > properties.maxLimit()) {
            errors.add(new FieldError("query.limit", "must be between 1 and " + properties.maxLimit()));
        }
        return limit;
    }

    private static Criteria ofEntity(String account, String schema, String id) {
        return new Criteria().andOperator(Criteria.where("account").is(account), Criteria.where("schema").is(schema),
                Criteria.where("id").is(id));
    }

    private static OperaDbException unknownEntity(String schema, String id) {
        return new OperaDbException(ProblemKind.UNKNOWN_ENTITY, "no " + schema + " with id " + id);
    }

    private static OperaDbException invalid(String path, String reason) {
        return new OperaDbException(ProblemKind.INVALID_INPUT, "the query is not valid",
                List.of(new FieldError(path, reason)));
    }
}
