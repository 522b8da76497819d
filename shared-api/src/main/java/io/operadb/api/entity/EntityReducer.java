package io.operadb.api.entity;

import io.operadb.api.actor.ActorIds;
import io.operadb.api.entity.step.StepEngine;
import io.operadb.api.schema.CompiledSchema;
import io.operadb.api.schema.SchemaVersionLookup;
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

    /**
     * Folds an event into a state that may have been produced by an older schema version: the state is first carried
     * from {@code stateSchemaVersion} to the event's schema version through every migration in between (see
     * {@link #upcast}), then reduced with the event's version. Used by the aggregate, the projections and time
     * travel alike, so all three agree. {@code stateSchemaVersion} 0 means "no state yet" (or not known: taken to be
     * the event's version).
     *
     * @throws ReductionException when a migration or a step fails, or the event's version is older than the state's
     */
    public Map<String, Object> reduce(SchemaVersionLookup versions, int stateSchemaVersion, Map<String, Object> state,
                                      EntityEvent event) {
        Map<String, Object> current = upcast(versions, state, stateSchemaVersion, event.schemaVersion());
        return reduce(versions.version(event.schemaVersion()), current, event);
    }

    /**
     * Carries a state of schema version {@code from} to version {@code to} through the declared migrations of every
     * version in between, one after the other (N → N+1 → N+2). Deterministic: the migrations see the state only.
     * Nothing to do when {@code from} is 0 (no state yet) or equals {@code to}. The input is never mutated.
     *
     * @throws ReductionException when {@code to} is older than {@code from} (states are never carried back) or a
     *         migration expression fails
     */
    public Map<String, Object> upcast(SchemaVersionLookup versions, Map<String, Object> state, int from, int to) {
        if (from <= 0 || from == to) {
            return state;
        }
        if (to < from) {
            throw new ReductionException("a state of schema version " + from + " cannot be carried back to version "
                    + to);
        }
        Map<String, Object> current = state;
        CompiledSchemaImpl previous = CompiledSchemaImpl.of(versions.version(from));
        for (int v = from + 1; v <= to; v++) {
            CompiledSchemaImpl next = CompiledSchemaImpl.of(versions.version(v));
            current = StateMigration.step(previous, next, current);
            previous = next;
        }
        return current;
    }

    /** The shared step engine, for {@link ActionDecider}: runs the steps on {@code context.state()}. */
    void runSteps(CompiledAction action, EvalContext context) throws StepEngine.StepFailure {
        StepEngine.run(action, context);
    }
}
