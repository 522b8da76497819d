package io.operadb.api.schema.internal;

import io.operadb.api.problem.OperaDbException;
import io.operadb.api.problem.ProblemKind;
import io.operadb.api.schema.CompiledSchema;
import io.operadb.api.schema.ValueKind;
import io.operadb.api.schema.expr.CelEnvironment;
import io.operadb.api.schema.expr.Expr;

import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** Compares the fields of two consecutive versions, given the newer one's migration (see SchemaEvolution). */
public final class CompatibilityCheck {

    private final Errors errors = new Errors();
    private final CompiledSchemaImpl previous;
    private final CompiledSchemaImpl next;
    private final CompiledMigration migration;

    private CompatibilityCheck(CompiledSchemaImpl previous, CompiledSchemaImpl next) {
        this.previous = previous;
        this.next = next;
        CompiledMigration m = next.migration();
        this.migration = m != null ? m : new CompiledMigration(previous.version(), Map.of(), Map.of(), Map.of(),
                java.util.List.of());
    }

    public static void run(CompiledSchema previous, CompiledSchema next) {
        CompatibilityCheck check = new CompatibilityCheck(CompiledSchemaImpl.of(previous), CompiledSchemaImpl.of(next));
        check.check();
        if (!check.errors.isEmpty()) {
            throw new OperaDbException(ProblemKind.INCOMPATIBLE_SCHEMA, "version " + next.version() + " of "
                    + next.schemaId() + " cannot take over the entities of version " + previous.version()
                    + " without a migration: " + Errors.summary(check.errors.list()), check.errors.list());
        }
    }

    private void check() {
        Map<String, FieldSpec> oldFields = previous.fieldSpecs();
        Map<String, FieldSpec> newFields = next.fieldSpecs();
        migration.rename().forEach((from, to) -> {
            if (!oldFields.containsKey(from)) {
                errors.add("migrate.rename." + from, "'" + from + "' is not a field of version " + previous.version());
            } else if (oldFields.containsKey(to) && !migration.rename().containsKey(to)
                    && !migration.drop().contains(to)) {
                errors.add("migrate.rename." + from, "'" + to + "' is already a field of version "
                        + previous.version() + "; rename or drop it too");
            }
        });
        for (int i = 0; i < migration.drop().size(); i++) {
            if (!oldFields.containsKey(migration.drop().get(i))) {
                errors.add("migrate.drop[" + i + "]", "'" + migration.drop().get(i) + "' is not a field of version "
                        + previous.version());
            }
        }
        // the names a state has once the renames are done: the only ones a migration expression may read
        Set<String> readable = new HashSet<>(newFields.keySet());
        Set<String> carried = new HashSet<>();
        for (Map.Entry<String, FieldSpec> e : oldFields.entrySet()) {
            String name = e.getKey();
            String target = migration.rename().getOrDefault(name, name);
            readable.add(target);
            if (migration.drop().contains(name)) {
                continue;
            }
            FieldSpec now = newFields.get(target);
            if (now == null) {
                if (e.getValue().required) {
                    errors.add("fields." + name, "required field '" + name + "' of version " + previous.version()
                            + " was removed: rename it (migrate.rename) or drop its values on purpose (migrate.drop)");
                }
                continue;
            }
            carried.add(target);
            if (migration.set().containsKey(target)) {
                continue; // the migration computes the new value, whatever the old one was
            }
            sameType(e.getValue(), now, "fields." + target, target);
            if (now.required && !e.getValue().required && !migration.defaults().containsKey(target)) {
                errors.add("fields." + target, "'" + target + "' became required: states of version "
                        + previous.version() + " may lack it; give it a default (migrate.defaults." + target + ")");
            }
        }
        for (Map.Entry<String, FieldSpec> e : newFields.entrySet()) {
            String name = e.getKey();
            if (carried.contains(name) || !e.getValue().required || migration.defaults().containsKey(name)
                    || migration.set().containsKey(name) || isImplicit(name)) {
                continue;
            }
            errors.add("fields." + name, "new required field '" + name + "' needs a value for the entities of version "
                    + previous.version() + ": a default (migrate.defaults." + name + ") or an expression (migrate.set."
                    + name + ")");
        }
        unknownReferences(migration.defaults(), "migrate.defaults.", readable);
        unknownReferences(migration.set(), "migrate.set.", readable);
    }

    private static boolean isImplicit(String name) {
        return name.equals(CompiledWorkflow.STATE_FIELD);
    }

    /** Compares an existing field's old and new types; {@code top} is the top-level field a migration could set. */
    private void sameType(FieldSpec before, FieldSpec after, String path, String top) {
        String remedy = "; convert its values with an expression (migrate.set." + top + ")";
        if (before.kind != after.kind) {
            errors.add(path, "type changed from " + Values.kindName(before.kind) + " to " + Values.kindName(after.kind)
                    + remedy);
            return;
        }
        switch (before.kind) {
            case REF -> {
                if (!Objects.equals(before.refSchema, after.refSchema)) {
                    errors.add(path, "now refers to " + after.refSchema + " instead of " + before.refSchema + remedy);
                }
            }
            case ARRAY -> sameType(before.element, after.element, path + ".items", top);
            case MAP -> sameType(before.element, after.element, path + ".values", top);
            case OBJECT -> {
                if (after.open) {
                    return; // a free-form object takes whatever the old one held
                }
                if (before.open) {
                    errors.add(path, "a free-form object became one with declared fields" + remedy);
                    return;
                }
                for (Map.Entry<String, FieldSpec> f : before.fields.entrySet()) {
                    FieldSpec now = after.fields.get(f.getKey());
                    String p = path + ".fields." + f.getKey();
                    if (now == null) {
                        if (f.getValue().required) {
                            errors.add(p, "required field '" + f.getKey() + "' was removed" + remedy);
                        }
                    } else {
                        sameType(f.getValue(), now, p, top);
                        if (now.required && !f.getValue().required) {
                            errors.add(p, "'" + f.getKey() + "' became required" + remedy);
                        }
                    }
                }
                after.fields.forEach((name, spec) -> {
                    if (spec.required && !before.fields.containsKey(name)) {
                        errors.add(path + ".fields." + name, "new required field '" + name + "'" + remedy);
                    }
                });
            }
            default -> {
            }
        }
    }

    /** A plain {@code state.x} in a migration must name a field the state can have: typos are caught here. */
    private void unknownReferences(Map<String, Expr> expressions, String prefix, Set<String> readable) {
        expressions.forEach((field, expr) -> {
            if (expr instanceof CelEnvironment.PathExpr p && p.root().equals("state") && !p.keys().isEmpty()
                    && !readable.contains(p.keys().get(0))) {
                errors.add(prefix + field, "unknown field '" + p.keys().get(0) + "'");
            }
        });
    }
}
