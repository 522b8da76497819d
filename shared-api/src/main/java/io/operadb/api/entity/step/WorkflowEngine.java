package io.operadb.api.entity.step;

import io.operadb.api.actor.ActorContext;
import io.operadb.api.actor.ActorIds;
import io.operadb.api.problem.OperaDbException;
import io.operadb.api.problem.ProblemKind;
import io.operadb.api.schema.expr.EvalContext;
import io.operadb.api.schema.expr.ExprException;
import io.operadb.api.schema.internal.CompiledWorkflow;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * A schema's workflow at work, for any schema that declares one. The decider calls {@link #check} (who may move,
 * from where, nothing after a final step, one approval per actor); the step engine, shared by the decider and the
 * reducer, calls {@link #start} and {@link #move}, which only read the state and the event's actor, so replaying
 * the events always gives the same status and pending approvals.
 */
public final class WorkflowEngine {

    private WorkflowEngine() {
    }

    /** The creating action: the workflow field starts at its initial value, with nothing pending. */
    static void start(CompiledWorkflow workflow, EvalContext context) {
        context.state().put(workflow.field(), workflow.initial());
        context.state().remove(CompiledWorkflow.STATE_FIELD);
    }

    /**
     * A moving action: the actor's approval of the step is recorded; once the step has the approvals it needs, the
     * field takes the step's value and every pending approval is cleared (a later return needs fresh approvals).
     */
    static void move(CompiledWorkflow workflow, CompiledWorkflow.StepSpec step, EvalContext context)
            throws ExprException {
        Map<String, Object> state = context.state();
        String actor = ActorIds.normalize((String) context.root("actor"));
        Map<String, Object> approvals = new LinkedHashMap<>();
        pendingApprovals(state).forEach((k, v) -> approvals.put(String.valueOf(k), v));
        List<Object> approvers = new ArrayList<>(approvals.getOrDefault(step.name(), List.of()) instanceof List<?> l
                ? l : List.of());
        if (actor != null && !approvers.contains(actor)) {
            approvers.add(actor);
        }
        boolean complete;
        if (step.allParties()) {
            Set<String> parties = parties(workflow, context);
            complete = !parties.isEmpty() && approvers.containsAll(parties);
        } else {
            complete = approvers.size() >= step.approvals();
        }
        if (complete) {
            state.put(workflow.field(), step.name());
            state.remove(CompiledWorkflow.STATE_FIELD);
            return;
        }
        approvals.put(step.name(), approvers);
        Map<String, Object> workflowState = new LinkedHashMap<>();
        workflowState.put(CompiledWorkflow.APPROVALS, approvals);
        state.put(CompiledWorkflow.STATE_FIELD, workflowState);
    }

    /**
     * Whether the actor may move the entity to the step now.
     *
     * @throws OperaDbException FORBIDDEN (403) when the actor is none of the step's {@code by} alternatives (the admin
     *         role does not bypass them: a workflow names exactly who approves and signs); GUARD_FAILED (422) after a
     *         final step, from a value the step cannot be reached from, or when the actor already approved the step
     */
    public static void check(CompiledWorkflow workflow, CompiledWorkflow.StepSpec step, EvalContext context,
                             ActorContext actor, String schemaId) {
        String actorId = actor == null ? null : actor.actorId();
        if (!step.by().isEmpty()) {
            boolean allowed = false;
            for (CompiledWorkflow.By by : step.by()) {
                if (by.role() != null) {
                    allowed = actor != null && actor.hasRole(by.role());
                } else if (by.party()) {
                    try {
                        allowed = actorId != null && parties(workflow, context).contains(actorId);
                    } catch (ExprException e) {
                        allowed = false;
                    }
                } else {
                    allowed = by.expr().test(context);
                }
                if (allowed) {
                    break;
                }
            }
            if (!allowed) {
                throw new OperaDbException(ProblemKind.FORBIDDEN, "actor " + actorId + " may not move this "
                        + schemaId + " to '" + step.name() + "' (only " + step.by().stream()
                        .map(CompiledWorkflow.By::source).collect(Collectors.joining(", ")) + ")");
            }
        }
        Object value = context.state().get(workflow.field());
        String current = value instanceof String s ? s : null;
        if (workflow.isFinal(current)) {
            throw new OperaDbException(ProblemKind.GUARD_FAILED, "this " + schemaId + " is '" + current
                    + "', a final step: nothing moves after it");
        }
        if (!step.from().contains(current)) {
            throw new OperaDbException(ProblemKind.GUARD_FAILED, "cannot move this " + schemaId + " from '"
                    + (current == null ? "(none)" : current) + "' to '" + step.name() + "' (only from "
                    + String.join(", ", new TreeSet<>(step.from())) + ")");
        }
        if (pendingApprovers(context.state(), step.name()).contains(actorId)) {
            throw new OperaDbException(ProblemKind.GUARD_FAILED, actorId + " has already approved moving this "
                    + schemaId + " to '" + step.name() + "'");
        }
    }

    /** The parties' actor ids (normalised), from the workflow's {@code parties} expression; empty without one. */
    static Set<String> parties(CompiledWorkflow workflow, EvalContext context) throws ExprException {
        Set<String> out = new TreeSet<>();
        if (workflow.parties() == null) {
            return out;
        }
        Object value = workflow.parties().eval(context);
        if (value instanceof Collection<?> c) {
            for (Object item : c) {
                if (item instanceof String s) {
                    out.add(ActorIds.normalize(s));
                }
            }
        } else if (value instanceof String s) {
            out.add(ActorIds.normalize(s));
        } else if (value != null) {
            throw new ExprException("the workflow's parties must be a list of actor ids, got " + value);
        }
        return out;
    }

    private static Map<?, ?> pendingApprovals(Map<String, Object> state) {
        if (state.get(CompiledWorkflow.STATE_FIELD) instanceof Map<?, ?> workflowState
                && workflowState.get(CompiledWorkflow.APPROVALS) instanceof Map<?, ?> approvals) {
            return approvals;
        }
        return Map.of();
    }

    private static List<?> pendingApprovers(Map<String, Object> state, String step) {
        return pendingApprovals(state).get(step) instanceof List<?> list ? list : List.of();
    }
}
