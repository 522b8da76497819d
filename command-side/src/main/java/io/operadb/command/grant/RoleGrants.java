package io.operadb.command.grant;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.mongodb.MongoException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.result.UpdateResult;
import io.operadb.api.entity.EntityEvent;
import io.operadb.api.entity.EntityReducer;
import io.operadb.api.entity.WireValues;
import io.operadb.api.naming.AggregateIds;
import io.operadb.api.problem.OperaDbException;
import io.operadb.api.schema.CompiledSchema;
import io.operadb.command.config.CommandSideProperties;
import io.operadb.command.schema.SchemaCatalog;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The roles that entities grant to actors (schemas with {@code "grantsRoles"}, such as the built-in {@code group}),
 * for the command side, which has no read models otherwise. One small document per granting entity in the
 * {@value #COLLECTION} collection: its members, its roles, and its state and version (so that it is brought up to
 * date by reducing only the events after it).
 * <p>
 * Kept current two ways: {@link RoleGrantProjection}, a tracking processor with a persistent token, follows every
 * change in the store (other processes', and after a restart); and the entity controller calls {@link #catchUp}
 * right after a command of this process on a granting entity, so the next command already sees the change. Both
 * read the entity's events from the store and write only a newer version. See decision record 0006.
 */
@Component
public class RoleGrants {

    public static final String COLLECTION = "role_grants";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final MongoTemplate mongo;
    private final EventStore eventStore;
    private final SchemaCatalog catalog;
    private final EntityReducer reducer;
    /** Per account: actor → granted roles. Short-lived; a change made through this process evicts at once. */
    private final Cache<String, Map<String, Set<String>>> byAccount;
    private final Object[] locks = new Object[64];

    public RoleGrants(MongoTemplate mongo, EventStore eventStore, SchemaCatalog catalog, EntityReducer reducer,
                      CommandSideProperties properties) {
        this.mongo = mongo;
        this.eventStore = eventStore;
        this.catalog = catalog;
        this.reducer = reducer;
        this.byAccount = Caffeine.newBuilder().maximumSize(10_000)
                .expireAfterWrite(properties.directoryCacheTtl()).build();
        for (int i = 0; i < locks.length; i++) {
            locks[i] = new Object();
        }
    }

    /** The roles granted to an actor in an account (the actor's own registered roles not included). */
    public Set<String> rolesOf(String account, String actorId) {
        return byAccount.get(account, this::load).getOrDefault(actorId, Set.of());
    }

    /** Whether any version of the schema up to {@code version} grants roles (so its entities must be followed). */
    public boolean grants(String account, String schema, int version) {
        try {
            for (int v = version; v >= 1; v--) {
                if (catalog.version(account, schema, v).grantsRoles().isPresent()) {
                    return true;
                }
            }
            return false;
        } catch (OperaDbException e) {
            return false; // an event of a schema this store does not know: nothing to grant
        }
    }

    /** {@link #grants(String, String, int)} for the schema's latest version. */
    public boolean grants(String account, String schema) {
        return catalog.latest(account, schema).map(s -> grants(account, schema, s.version())).orElse(false);
    }

    /**
     * Brings the entity's grants up to date with its events in the store. Safe to run concurrently for one entity
     * (the processor and a controller may): a document is only inserted once and only replaced from the version it
     * was read at; a writer that loses the race starts again from what the winner wrote.
     *
     * @return true when this call wrote a newer version
     */
    public boolean catchUp(String account, String schema, String entityId) {
        // the processor and a controller of this process take turns on one entity; other processes may still race
        synchronized (locks[Math.floorMod((account + "/" + schema + "/" + entityId).hashCode(), locks.length)]) {
            for (int attempt = 0; ; attempt++) {
                Outcome outcome = tryCatchUp(account, schema, entityId);
                if (outcome != Outcome.RACED || attempt == 9) {
                    if (outcome == Outcome.WRITTEN) {
                        byAccount.invalidate(account);
                    }
                    return outcome == Outcome.WRITTEN;
                }
            }
        }
    }

    private enum Outcome { UP_TO_DATE, WRITTEN, RACED }

    private Outcome tryCatchUp(String account, String schema, String entityId) {
        String key = account + "/" + schema + "/" + entityId;
        Document stored = collection().find(Filters.eq("_id", key)).first();
        long from = stored == null ? 0 : stored.get("version", Number.class).longValue();
        Map<String, Object> state = stored == null ? new LinkedHashMap<>() : parse(stored.getString("state"));
        EntityEvent last = null;
        List<? extends DomainEventMessage<?>> events = eventStore
                .readEvents(AggregateIds.entity(account, schema, entityId), from).asStream().toList();
        for (DomainEventMessage<?> message : events) {
            if (message.getPayload() instanceof EntityEvent event && event.version() > from) {
                state = reducer.reduce(catalog.version(account, schema, event.schemaVersion()), state, event);
                last = event;
            }
        }
        if (last == null) {
            return Outcome.UP_TO_DATE;
        }
        CompiledSchema latest = catalog.version(account, schema, last.schemaVersion());
        Map<String, Object> finalState = state;
        Set<String> members = latest.grantsRoles().map(g -> g.members(finalState)).orElse(Set.of());
        Set<String> roles = latest.grantsRoles().map(g -> g.roles(finalState)).orElse(Set.of());
        Document next = new Document("_id", key)
                .append("account", account)
                .append("schema", schema)
                .append("entityId", entityId)
                .append("version", last.version())
                .append("members", new ArrayList<>(members))
                .append("roles", new ArrayList<>(roles))
                .append("state", json(WireValues.toWire(state)));
        if (stored == null) {
            try {
                collection().insertOne(next);
                return Outcome.WRITTEN;
            } catch (MongoException e) {
                if (collection().find(Filters.eq("_id", key)).first() == null) {
                    throw e;
                }
                return Outcome.RACED; // inserted by another writer meanwhile
            }
        }
        UpdateResult replaced = collection().replaceOne(
                Filters.and(Filters.eq("_id", key), Filters.eq("version", from)), next);
        return replaced.getMatchedCount() == 1 ? Outcome.WRITTEN : Outcome.RACED;
    }

    /** Drops what this process remembers of an account's grants. */
    public void evict(String account) {
        byAccount.invalidate(account);
    }

    @jakarta.annotation.PostConstruct
    void indexes() {
        collection().createIndex(Indexes.ascending("account"));
    }

    private Map<String, Set<String>> load(String account) {
        Map<String, Set<String>> out = new HashMap<>();
        for (Document grant : collection().find(Filters.eq("account", account))) {
            Collection<?> roles = grant.getList("roles", Object.class, List.of());
            if (roles.isEmpty()) {
                continue;
            }
            for (Object member : grant.getList("members", Object.class, List.of())) {
                Set<String> granted = out.computeIfAbsent(String.valueOf(member), m -> new TreeSet<>());
                roles.forEach(role -> granted.add(String.valueOf(role)));
            }
        }
        out.replaceAll((actor, roles) -> Set.copyOf(roles));
        return Map.copyOf(out);
    }

    private MongoCollection<Document> collection() {
        return mongo.getCollection(COLLECTION);
    }

    private static Map<String, Object> parse(String json) {
        try {
            return json == null ? new LinkedHashMap<>() : JSON.readValue(json, MAP);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String json(Map<String, Object> wire) {
        try {
            return JSON.writeValueAsString(wire);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
