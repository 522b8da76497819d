package io.operadb.query.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.operadb.api.account.AccountCreatedEvent;
import io.operadb.api.account.ActorKey;
import io.operadb.api.account.ActorRegisteredEvent;
import io.operadb.api.account.ActorRegistration;
import io.operadb.api.actor.ActorContext;
import io.operadb.api.entity.ActionDecider;
import io.operadb.api.entity.Decision;
import io.operadb.api.entity.EntityEvent;
import io.operadb.api.entity.EntityReducer;
import io.operadb.api.entity.EntityView;
import io.operadb.api.naming.AggregateIds;
import io.operadb.api.schema.CompiledSchema;
import io.operadb.api.schema.SchemaCompiler;
import io.operadb.api.schema.SchemaPublishedEvent;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes to the event store what the command side would write: an account, schema versions, and entity events
 * decided by the shared {@link ActionDecider} exactly as {@code EntityAggregate.record} builds them, each under its
 * aggregate's identifier with the right sequence number. Thread-safe; one entity's events are decided and appended
 * under that entity's lock, so concurrent writers to one entity still append versions 1, 2, 3...
 */
public final class CommandSideStandIn {

    /** Reads numbers exactly as written: {@code 0.50} stays {@code 0.50}, never a double nor {@code 0.5}. */
    public static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    private final EventStore store;
    private final SchemaCompiler compiler = new SchemaCompiler();
    private final ActionDecider decider = new ActionDecider(new EntityReducer());
    private final EntityReducer reducer = new EntityReducer();
    private final Map<String, CompiledSchema> latestSchemas = new ConcurrentHashMap<>();
    /** Every version published through this stand-in, by account/schema/version, for the migrations chain. */
    private final Map<String, CompiledSchema> allSchemas = new ConcurrentHashMap<>();
    /** The schema version of each entity's state, as the aggregate keeps it. */
    private final Map<String, Integer> stateSchemaVersions = new ConcurrentHashMap<>();
    private final Map<String, EntityView> entities = new ConcurrentHashMap<>();
    private final Map<String, Object> locks = new ConcurrentHashMap<>();

    public CommandSideStandIn(EventStore store) {
        this.store = store;
    }

    public static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    public static JsonNode json(String text) {
        try {
            return JSON.readTree(text.replace('`', '"'));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    public void createAccount(String account, String owner) {
        AccountCreatedEvent event = new AccountCreatedEvent(account,
                new ActorRegistration(owner, List.of("admin"), List.of(testKey(owner))), owner, now());
        store.publish(new GenericDomainEventMessage<>("AccountAggregate", AggregateIds.account(account), 0, event));
    }

    public void registerActor(String account, long sequence, String actorId, List<String> roles, String by) {
        ActorRegisteredEvent event = new ActorRegisteredEvent(account,
                new ActorRegistration(actorId, roles, List.of(testKey(actorId))), by, now());
        store.publish(new GenericDomainEventMessage<>("AccountAggregate", AggregateIds.account(account), sequence,
                event));
    }

    /** The key the test clients sign with for this actor. */
    private static ActorKey testKey(String actorId) {
        java.util.Map<String, String> key = io.operadb.signing.TestIdentities.keyOf(actorId).publicPart();
        return new ActorKey(key.get("type"), key.get("address"), key.get("publicKey"));
    }

    /** Publishes the document (its {@code schemaId} and {@code version} say which), as the command side would. */
    public CompiledSchema publishSchema(String account, JsonNode document, String by, Instant at) {
        CompiledSchema compiled = compiler.compile(document);
        SchemaPublishedEvent event = new SchemaPublishedEvent(account, compiled.schemaId(), compiled.version(),
                document, by, at);
        store.publish(new GenericDomainEventMessage<>("SchemaAggregate",
                AggregateIds.schema(account, compiled.schemaId()), compiled.version() - 1, event));
        latestSchemas.put(account + "/" + compiled.schemaId(), compiled);
        allSchemas.put(account + "/" + compiled.schemaId() + "/" + compiled.version(), compiled);
        return compiled;
    }

    /** Makes the stand-in decide with this (already published) version from now on, as a restarted command side would. */
    public CompiledSchema useSchema(String account, JsonNode document) {
        CompiledSchema compiled = compiler.compile(document);
        latestSchemas.put(account + "/" + compiled.schemaId(), compiled);
        allSchemas.put(account + "/" + compiled.schemaId() + "/" + compiled.version(), compiled);
        return compiled;
    }

    public CompiledSchema publishSchema(String account, JsonNode document) {
        return publishSchema(account, document, "user:owner", now());
    }

    /** Runs the schema's creating action for a new entity. */
    public EntityEvent create(String account, String schema, String id, String params, String actor, Instant at) {
        return act(account, schema, id, null, params, actor, at);
    }

    public EntityEvent create(String account, String schema, String id, String params, String actor) {
        return create(account, schema, id, params, actor, now());
    }

    public EntityEvent run(String account, String schema, String id, String action, String params, String actor,
                           Instant at) {
        return act(account, schema, id, action, params, actor, at);
    }

    public EntityEvent run(String account, String schema, String id, String action, String params, String actor) {
        return run(account, schema, id, action, params, actor, now());
    }

    /** The entity's version as this stand-in wrote it (0 when it has none). */
    public long version(String account, String schema, String id) {
        EntityView view = entities.get(key(account, schema, id));
        return view == null ? 0 : view.version();
    }

    public EntityView view(String account, String schema, String id) {
        return entities.get(key(account, schema, id));
    }

    /**
     * Decides many actions and appends their events a hundred at a time, one call to the store (one insert of many
     * documents) each, for building large stores quickly. Not for entities other threads write at the same time.
     * <p>
     * Why a hundred, and a pause after each: the events of one append share a timestamp, and a tracking processor on
     * MongoDB names every event of its look-back window (the last event's millisecond) in each fetch; appends of
     * the size and pace a busy command side makes keep that list as short as it is in production.
     */
    public Batch batch() {
        return new Batch();
    }

    public final class Batch {

        private static final int BATCH = 100;
        private static final long PAUSE_MILLIS = 25;

        private final List<org.axonframework.eventhandling.EventMessage<?>> messages = new java.util.ArrayList<>();

        public Batch create(String account, String schema, String id, String params, String actor) {
            return run(account, schema, id, null, params, actor);
        }

        public Batch run(String account, String schema, String id, String action, String params, String actor) {
            decide(account, schema, id, action, params, actor, now(), messages::add);
            if (messages.size() >= BATCH) {
                append();
            }
            return this;
        }

        public int size() {
            return messages.size();
        }

        public void append() {
            if (!messages.isEmpty()) {
                store.publish(messages);
                messages.clear();
                try {
                    Thread.sleep(PAUSE_MILLIS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    /**
     * Appends an entity event as given, unchecked: for events the command side would never write (a schema version
     * that does not exist, data the reducer cannot apply), as an old or buggy writer might have.
     */
    public void appendRaw(EntityEvent event) {
        store.publish(new GenericDomainEventMessage<>("EntityAggregate",
                AggregateIds.entity(event.account(), event.schema(), event.entityId()), event.version() - 1, event));
    }

    /** Records that the entity moved on to {@code view} (after {@link #appendRaw}), so later actions follow it. */
    public void assume(EntityView view) {
        entities.put(key(view.account(), view.schema(), view.id()), view);
    }

    private EntityEvent act(String account, String schema, String id, String action, String params, String actor,
                            Instant at) {
        return decide(account, schema, id, action, params, actor, at, store::publish);
    }

    private EntityEvent decide(String account, String schema, String id, String action, String params, String actor,
                               Instant at,
                               java.util.function.Consumer<org.axonframework.eventhandling.EventMessage<?>> append) {
        String key = key(account, schema, id);
        synchronized (locks.computeIfAbsent(key, k -> new Object())) {
            CompiledSchema compiled = latestSchemas.get(account + "/" + schema);
            if (compiled == null) {
                throw new IllegalStateException("no schema " + schema + " published in " + account + " by this test");
            }
            EntityView before = entities.get(key);
            String actionName = action == null ? compiled.creatingAction() : action;
            if (before == null) {
                if (action != null && !action.equals(compiled.creatingAction())) {
                    throw new IllegalStateException(key + " does not exist yet");
                }
                before = new EntityView(account, schema, id, 0, Map.of());
            } else {
                // as the aggregate does: carry the state to the deciding version through the migrations chain
                before = new EntityView(account, schema, id, before.version(), reducer.upcast(
                        v -> allSchemas.get(account + "/" + schema + "/" + v), before.state(),
                        stateSchemaVersions.getOrDefault(key, 0), compiled.version()));
            }
            Decision decision = decider.decide(compiled, actionName, before, json(params),
                    new ActorContext(actor, Set.of("admin")), at);
            EntityEvent event = new EntityEvent(UUID.randomUUID().toString(), account, schema, compiled.version(), id,
                    actionName, schema + "." + actionName, before.version() + 1, new ActorContext(actor, Set.of())
                    .actorId(), at, decision.data(), null);
            append.accept(new GenericDomainEventMessage<>("EntityAggregate", AggregateIds.entity(account, schema, id),
                    event.version() - 1, event));
            entities.put(key, new EntityView(account, schema, id, event.version(), decision.newState()));
            stateSchemaVersions.put(key, compiled.version());
            return event;
        }
    }

    private static String key(String account, String schema, String id) {
        return account + "/" + schema + "/" + id;
    }
}
