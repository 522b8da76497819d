package io.operadb.command.entity;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonIgnore;
import io.operadb.api.entity.ActionDecider;
import io.operadb.api.entity.CreateEntityCommand;
import io.operadb.api.entity.Decision;
import io.operadb.api.entity.EntityEvent;
import io.operadb.api.entity.EntityReducer;
import io.operadb.api.entity.EntityView;
import io.operadb.api.entity.Receipt;
import io.operadb.api.entity.ReductionException;
import io.operadb.api.entity.RunActionCommand;
import io.operadb.api.naming.AggregateIds;
import io.operadb.api.problem.OperaDbException;
import io.operadb.api.problem.ProblemKind;
import io.operadb.api.schema.CompiledSchema;
import io.operadb.command.config.CommandSideProperties;
import io.operadb.api.unique.UniqueValueChange;
import io.operadb.command.schema.SchemaCatalog;
import io.operadb.command.unique.UniqueValues;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One entity of any schema. What it may do is given by its schema at run time: the aggregate only decides
 * (through the shared {@link ActionDecider}) and records; its state is rebuilt with the same {@link EntityReducer}
 * that the query side projects with.
 */
@Aggregate(snapshotTriggerDefinition = "entitySnapshotTrigger", cache = "entityCache")
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY,
        getterVisibility = JsonAutoDetect.Visibility.NONE, isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class EntityAggregate {

    @AggregateIdentifier
    private String aggregateId;
    private String account;
    private String schema;
    private String entityId;
    private long version;
    /** The schema version that produced {@link #state}: it stays there until the entity's next event (record 0010). */
    private int schemaVersion;
    private Map<String, Object> state = Map.of();
    private RecentReceipts receipts = new RecentReceipts();

    /** The state the decider already computed for the event being applied, so it is not reduced twice. */
    @JsonIgnore
    private transient PendingState pending;

    public EntityAggregate() {
        // for Axon, and for snapshots
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public Receipt handle(CreateEntityCommand command, SchemaCatalog schemas, ActionDecider decider,
                          EntityReferences references, UniqueValues uniqueValues, Clock clock) {
        if (version > 0) {
            return receipts.find(command.actor().actorId(), command.idempotencyKey()).orElseThrow(() ->
                    new OperaDbException(ProblemKind.DUPLICATE, "a " + command.schema() + " with id "
                            + command.entityId() + " already exists"));
        }
        CompiledSchema compiled = schemas.requireLatest(command.account(), command.schema());
        EntityView before = new EntityView(command.account(), command.schema(), command.entityId(), 0, Map.of());
        Instant now = clock.instant();
        Decision decision = decider.decide(compiled, compiled.creatingAction(), before, command.data(),
                command.actor(), now);
        references.requireExisting(command.account(), decision.references());
        return record(compiled, compiled.creatingAction(), before, decision, command.actor().actorId(), now,
                command.idempotencyKey(), uniqueValues);
    }

    @CommandHandler
    public Receipt handle(RunActionCommand command, SchemaCatalog schemas, ActionDecider decider,
                          EntityReducer reducer, EntityReferences references, UniqueValues uniqueValues,
                          Clock clock) {
        var earlier = receipts.find(command.actor().actorId(), command.idempotencyKey());
        if (earlier.isPresent()) {
            return earlier.get();
        }
        if (command.expectedVersion() != null && command.expectedVersion() != version) {
            throw new OperaDbException(ProblemKind.VERSION_CONFLICT, "the entity is at version " + version
                    + ", not " + command.expectedVersion());
        }
        CompiledSchema compiled = schemas.requireLatest(account, schema);
        if (compiled.version() < schemaVersion) {
            // another command side published a newer version that this one's catalog has not seen yet: an entity's
            // schema versions only ever go up, so decide with (at least) the version its state already has
            schemas.version(account, schema, schemaVersion);
            compiled = schemas.requireLatest(account, schema);
        }
        if (!compiled.hasAction(command.action())) {
            throw new OperaDbException(ProblemKind.UNKNOWN_ACTION, "schema " + schema + " has no action "
                    + command.action());
        }
        if (compiled.creatingAction().equals(command.action())) {
            throw new OperaDbException(ProblemKind.DUPLICATE, command.action() + " creates a " + schema
                    + " and this one already exists");
        }
        EntityView before = new EntityView(account, schema, entityId, version,
                upcast(reducer, schemas, state, compiled.version()));
        Instant now = clock.instant();
        Decision decision = decider.decide(compiled, command.action(), before, command.data(), command.actor(), now);
        references.requireExisting(account, decision.references());
        return record(compiled, command.action(), before, decision, command.actor().actorId(), now,
                command.idempotencyKey(), uniqueValues);
    }

    /**
     * The state carried to the deciding schema version through the declared migrations, exactly as the reducer will
     * carry it when the event is folded (here on load, and by the projections). A migration that fails is 422.
     */
    private Map<String, Object> upcast(EntityReducer reducer, SchemaCatalog schemas, Map<String, Object> current,
                                       int target) {
        try {
            return reducer.upcast(v -> schemas.version(account, schema, v), current, schemaVersion, target);
        } catch (ReductionException e) {
            throw new OperaDbException(ProblemKind.STATE_INVALID, "the state of " + schema + " " + entityId
                    + " cannot be carried from schema version " + schemaVersion + " to " + target + ": "
                    + e.getMessage());
        }
    }

    private Receipt record(CompiledSchema compiled, String action, EntityView before, Decision decision,
                           String actor, Instant now, String idempotencyKey, UniqueValues uniqueValues) {
        // unique fields: claim (409 when taken) and release in this unit of work, before the entity's own event
        List<UniqueValueChange> changes = UniqueValueChange.between(compiled, before.state(), decision.newState());
        if (!changes.isEmpty()) {
            uniqueValues.apply(before.account(), before.schema(), before.id(), changes, now);
        }
        EntityEvent event = new EntityEvent(UUID.randomUUID().toString(), before.account(), before.schema(),
                compiled.version(), before.id(), action, before.schema() + "." + action, before.version() + 1,
                actor, now, decision.data(), idempotencyKey);
        pending = new PendingState(event.eventId(), decision.newState());
        apply(event);
        return Receipt.of(event);
    }

    @EventSourcingHandler
    void on(EntityEvent event, SchemaCatalog schemas, EntityReducer reducer, CommandSideProperties properties) {
        if (aggregateId == null) {
            aggregateId = AggregateIds.entity(event.account(), event.schema(), event.entityId());
            account = event.account();
            schema = event.schema();
            entityId = event.entityId();
        }
        if (pending != null && pending.eventId().equals(event.eventId())) {
            state = pending.state();
        } else {
            state = reducer.reduce(v -> schemas.version(account, schema, v), schemaVersion, state, event);
        }
        pending = null;
        version = event.version();
        schemaVersion = event.schemaVersion();
        receipts.remember(event, properties.idempotencyKeysPerEntity());
    }

    private record PendingState(String eventId, Map<String, Object> state) {
    }
}
