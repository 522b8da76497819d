package io.operadb.api.schema.internal;

import io.operadb.api.schema.expr.Expr;

import java.util.List;
import java.util.Map;

/**
 * One compiled action. {@code workflow} is the schema's workflow (null when it has none); {@code moves} is the
 * workflow step this action moves the entity to (null when it moves nothing).
 */
public record CompiledAction(String name, boolean creates, String description, Map<String, FieldSpec> params,
                             List<Allow> allow, List<Require> require, List<Step> steps, CompiledWorkflow workflow,
                             CompiledWorkflow.StepSpec moves) {

    public CompiledAction {
        params = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(params));
        allow = List.copyOf(allow);
        require = List.copyOf(require);
        steps = List.copyOf(steps);
    }

    /** An allow alternative: a role ({@code role:lead}) or a boolean expression. */
    public record Allow(String role, Expr expr) {
    }

    /** A require rule and the message shown when it fails. */
    public record Require(Expr rule, String message) {
    }
}
