package io.operadb.api.entity;

import io.operadb.api.entity.step.StepEngine;
import io.operadb.api.schema.expr.EvalContext;
import io.operadb.api.schema.expr.Expr;
import io.operadb.api.schema.expr.ExprException;
import io.operadb.api.schema.internal.CompiledMigration;
import io.operadb.api.schema.internal.CompiledSchemaImpl;
import io.operadb.api.schema.internal.FieldSpec;
import io.operadb.api.schema.internal.Values;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Carries one entity state from a schema version to the next: renames, then defaults (where no value is), then
 * the {@code set} expressions, then only the fields the new version declares are kept, canonicalised by their new
 * types. Within each group every expression reads the same state, so the order of keys never matters. A version
 * that declares no migration only does the last part. Pure: the expressions see {@code state} and nothing else.
 */
final class StateMigration {

    private StateMigration() {
    }

    static Map<String, Object> step(CompiledSchemaImpl previous, CompiledSchemaImpl next, Map<String, Object> state) {
        Map<String, Object> working = Values.canonicalObject(previous.fieldSpecs(), state);
        CompiledMigration migration = next.migration();
        if (migration != null) {
            Map<String, Object> moved = new LinkedHashMap<>();
            migration.rename().forEach((from, to) -> {
                Object value = working.remove(from);
                if (value != null) {
                    moved.put(to, value);
                }
            });
            working.putAll(moved);
            migration.drop().forEach(working::remove);
            Map<String, Object> defaults = evaluate(next, migration.defaults(), working, "defaults");
            defaults.forEach(working::putIfAbsent);
            Map<String, Object> set = evaluate(next, migration.set(), working, "set");
            migration.set().keySet().forEach(field -> {
                Object value = set.get(field);
                if (value == null) {
                    working.remove(field);
                } else {
                    working.put(field, value);
                }
            });
        }
        working.keySet().retainAll(next.fieldSpecs().keySet());
        return Values.canonicalObject(next.fieldSpecs(), working);
    }

    /** Evaluates every expression against the same state; a null result is left out. */
    private static Map<String, Object> evaluate(CompiledSchemaImpl next, Map<String, Expr> expressions,
                                                Map<String, Object> state, String group) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (expressions.isEmpty()) {
            return out;
        }
        EvalContext context = new EvalContext(state, Map.of(), null, null, null, 0, null);
        expressions.forEach((field, expr) -> {
            Object value;
            try {
                value = expr.eval(context);
            } catch (ExprException | RuntimeException e) {
                throw new ReductionException("migrating " + next.schemaId() + " to version " + next.version()
                        + " failed at migrate." + group + "." + field + ": " + e.getMessage());
            }
            FieldSpec type = next.fieldSpecs().get(field);
            Object canonical = value == null ? null : StepEngine.fieldValue(type, value);
            if (canonical != null) {
                out.put(field, canonical);
            }
        });
        return out;
    }
}
