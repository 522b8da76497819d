package io.operadb.api.entity;

import com.fasterxml.jackson.databind.JsonNode;
import io.operadb.api.actor.ActorContext;
import io.operadb.api.entity.step.StepEngine;
import io.operadb.api.entity.step.WorkflowEngine;
import io.operadb.api.problem.FieldError;
import io.operadb.api.problem.OperaDbException;
import io.operadb.api.problem.ProblemKind;
import io.operadb.api.schema.CompiledSchema;
import io.operadb.api.schema.Timestamps;
import io.operadb.api.schema.expr.EvalContext;
import io.operadb.api.schema.internal.CompiledAction;
import io.operadb.api.schema.internal.CompiledSchemaImpl;
import io.operadb.api.schema.internal.Errors;
import io.operadb.api.schema.internal.Values;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Decides whether a command may become an event. Pure: no clock, no I/O. */
public final class ActionDecider {

    /** Actors with this role pass every {@code allow} list. */
    public static final String ADMIN_ROLE = "admin";

    private final EntityReducer reducer;

    public ActionDecider(EntityReducer reducer) {
        this.reducer = reducer;
    }

    /**
     * Validates {@code params} against the action's parameters, checks {@code allow} then {@code require} in order,
     * runs the reducer steps and checks the resulting state against the schema's field rules.
     * <p>
     * Order: unknown action (404), parameters (400, every error), allow (403), the workflow step of a moving action
     * (its {@code by}: 403; final, from, distinct approvals: 422), require in order (422, the first
     * failing rule's message), reducer steps (422 when a step fails), resulting state (422 with {@code state.*}
     * paths). The expressions see {@code entity.version} = {@code current.version()} and the canonical
     * {@code timestamp}; the event must carry the same timestamp (to the millisecond) for the reducer to agree.
     *
     * @throws io.operadb.api.problem.OperaDbException UNKNOWN_ACTION (404), INVALID_INPUT (400, with field paths
     *         such as {@code data.points}), FORBIDDEN (403), GUARD_FAILED (422, the rule's message),
     *         STATE_INVALID (422, with state paths)
     */
    public Decision decide(CompiledSchema schema, String action, EntityView current, JsonNode params,
                           ActorContext actor, Instant timestamp) {
        CompiledSchemaImpl s = CompiledSchemaImpl.of(schema);
        CompiledAction a = s.action(action);
        if (a == null) {
            throw new OperaDbException(ProblemKind.UNKNOWN_ACTION,
                    "schema " + s.schemaId() + " has no action '" + action + "'");
        }
        String qualified = s.schemaId() + "." + a.name();

        // (2) parameters
        Errors errors = new Errors();
        List<EntityRef> refs = new ArrayList<>();
        Map<String, Object> canonicalParams;
        if (params == null || params.isNull() || params.isMissingNode()) {
            canonicalParams = Values.objectFromJson(a.params(), com.fasterxml.jackson.databind.node.JsonNodeFactory
                    .instance.objectNode(), "data", errors, refs, "unknown parameter");
        } else if (!params.isObject()) {
            throw new OperaDbException(ProblemKind.INVALID_INPUT, "data must be a JSON object",
                    List.of(new FieldError("data", "must be an object")));
        } else {
            canonicalParams = Values.objectFromJson(a.params(), params, "data", errors, refs, "unknown parameter");
        }
        if (!errors.isEmpty()) {
            throw new OperaDbException(ProblemKind.INVALID_INPUT,
                    "invalid parameters for " + qualified + ": " + Errors.summary(errors.list()), errors.list());
        }

        Map<String, Object> working = Values.canonicalObject(s.fieldSpecs(), current == null ? null : current.state());
        String actorId = actor == null ? null : actor.actorId();
        List<String> roles = actor == null ? List.of() : List.copyOf(new java.util.TreeSet<>(actor.roles()));
        EvalContext context = new EvalContext(working, canonicalParams, actorId, roles,
                current == null ? null : current.id(), current == null ? 0 : current.version(),
                Timestamps.format(timestamp));

        // (3) allow
        if (!a.allow().isEmpty() && !(actor != null && actor.hasRole(ADMIN_ROLE))) {
            boolean allowed = false;
            for (CompiledAction.Allow alt : a.allow()) {
                if (alt.role() != null ? actor != null && actor.hasRole(alt.role()) : alt.expr().test(context)) {
                    allowed = true;
                    break;
                }
            }
            if (!allowed) {
                throw new OperaDbException(ProblemKind.FORBIDDEN,
                        "actor " + actorId + " may not run " + qualified);
            }
        }

        // (3b) workflow: who may move it there (403), then from where, after a final step, approved twice (422)
        if (a.moves() != null && a.workflow() != null) {
            WorkflowEngine.check(a.workflow(), a.moves(), context, actor, s.schemaId());
        }

        // (4) require
        for (CompiledAction.Require rule : a.require()) {
            if (!rule.rule().test(context)) {
                throw new OperaDbException(ProblemKind.GUARD_FAILED, rule.message());
            }
        }

        // (5) reduce
        try {
            reducer.runSteps(a, context);
        } catch (StepEngine.StepFailure e) {
            throw new OperaDbException(ProblemKind.GUARD_FAILED, e.getMessage());
        }

        // (6) resulting state
        Errors stateErrors = new Errors();
        Values.checkState(s.fieldSpecs(), working, "state", stateErrors);
        if (!stateErrors.isEmpty()) {
            throw new OperaDbException(ProblemKind.STATE_INVALID,
                    "the resulting state breaks the schema's field rules: " + Errors.summary(stateErrors.list()),
                    stateErrors.list());
        }
        return new Decision(WireValues.toWire(canonicalParams), working, List.copyOf(refs));
    }
}
