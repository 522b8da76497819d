package io.operadb.api.schema.internal;

import io.operadb.api.schema.expr.Expr;

import java.util.List;
import java.util.Map;

/** One compiled action. */
public record CompiledAction(String name, boolean creates, String description, Map<String, FieldSpec> params,
                             List<Allow> allow, List<Require> require, List<Step> steps) {

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
