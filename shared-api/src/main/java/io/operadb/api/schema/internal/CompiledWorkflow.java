package io.operadb.api.schema.internal;

import io.operadb.api.schema.expr.Expr;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A schema's compiled workflow: the string field it moves, its value on creation, who the parties are (an
 * expression giving a list of actor ids, or null) and the steps, by the value they move the field to.
 * Pending approvals live in the state under {@link #STATE_FIELD}.
 */
public record CompiledWorkflow(String field, String initial, Expr parties, Map<String, StepSpec> steps) {

    /** The implicit state field holding pending approvals: {@code {"approvals": {"<step>": ["<actor>", ...]}}}. */
    public static final String STATE_FIELD = "_workflow";
    public static final String APPROVALS = "approvals";

    public CompiledWorkflow {
        steps = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(steps));
    }

    /** Whether reaching {@code value} ends the workflow: nothing moves after it. */
    public boolean isFinal(String value) {
        StepSpec step = value == null ? null : steps.get(value);
        return step != null && step.isFinal();
    }

    /**
     * One step: the field values it may be reached from, who may move there (no alternatives: anyone), how many
     * distinct actors must approve the move ({@code allParties}: every party) and whether it is final.
     */
    public record StepSpec(String name, Set<String> from, List<By> by, int approvals, boolean allParties,
                           boolean isFinal) {

        public StepSpec {
            from = Set.copyOf(from);
            by = List.copyOf(by);
        }
    }

    /** A {@code by} alternative: a role, {@code party} (the actor is one of the parties) or a boolean expression. */
    public record By(String source, String role, boolean party, Expr expr) {
    }
}
