package io.operadb.api.entity;

import io.operadb.api.actor.ActorIds;
import io.operadb.api.entity.step.StepEngine;
import io.operadb.api.schema.CompiledSchema;
import io.operadb.api.schema.Timestamps;
import io.operadb.api.schema.expr.EvalContext;
import io.operadb.api.schema.internal.CompiledAction;
import io.operadb.api.schema.internal.CompiledSchemaImpl;
import io.operadb.api.schema.internal.Values;

import java.util.Map;

/**
 * The one reducer: turns an entity's state and one of its events into the next state, using the schema version
 * that produced the event. Used by the command-side aggregate and by the query-side projections alike.
 * Pure and deterministic: no clock, no randomness, no I/O; the input state is never mutated.
 * <p>
 * The input state may come back from JSON or a store (Integer for Long, Double or String for decimals...): it is
 * canonicalised leniently by the schema's field types first. The event's data is canonicalised by the action's
 * parameter types. Allow, require and the field rules are not re-checked (the decider did). The returned state is
 * a fresh canonical map (Long, BigDecimal, String, Boolean, LinkedHashMap, ArrayList).
 *
 * @throws ReductionException when the action is unknown or a step fails
 */
public final class EntityReducer {

    public Map<String, Object> reduce(CompiledSchema schema, Map<String, Object> state, EntityEvent event) {
        CompiledSchemaImpl s = CompiledSchemaImpl.of(schema);
        if (event.schema() != null && !event.schema().equals(s.schemaId())) {
            throw new ReductionException("event " + event.eventId() + " is of schema " + event.schema()
                    + ", not " + s.schemaId());
        }
        CompiledAction action = s.action(event.action());
        if (action == null) {
            throw new ReductionException("schema " + s.schemaId() + " v" + s.version() + " has no action '"
                    + event.action() + "'");
        }
        Map<String, Object> params = Values.canonicalObject(action.params(), event.data());
        Map<String, Object> working = Values.canonicalObject(s.fieldSpecs(), state);
        EvalContext context = new EvalContext(working, params, ActorIds.normalize(event.actor()), null,
                event.entityId(), event.version() - 1, Timestamps.format(event.timestamp()));
        try {
            StepEngine.run(action, context);
        } catch (StepEngine.StepFailure e) {
            throw new ReductionException(e.getMessage());
        }
        return working;
    }

    /** The shared step engine, for {@link ActionDecider}: runs the steps on {@code context.state()}. */
    void runSteps(CompiledAction action, EvalContext context) throws StepEngine.StepFailure {
        StepEngine.run(action, context);
    }
}
