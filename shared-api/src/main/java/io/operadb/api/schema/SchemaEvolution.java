package io.operadb.api.schema;

import io.operadb.api.schema.internal.CompatibilityCheck;

/**
 * Whether a new version of a schema can take over the entities of the version before it. Version N+1 is
 * compatible with N when every entity state of N can be carried to N+1 without guessing: no required field
 * disappears unless renamed or dropped on purpose ({@code migrate.rename}, {@code migrate.drop}), no existing
 * field changes its type unless {@code migrate.set} computes its new value, and no field becomes required (new, or
 * made required) unless {@code migrate.defaults} or {@code migrate.set} gives it a value.
 */
public final class SchemaEvolution {

    private SchemaEvolution() {
    }

    /**
     * @throws io.operadb.api.problem.OperaDbException INCOMPATIBLE_SCHEMA (422) naming every offending field by its
     *         path in the new document ({@code fields.qty}, {@code fields.address.fields.city},
     *         {@code migrate.rename.qty})
     */
    public static void requireCompatible(CompiledSchema previous, CompiledSchema next) {
        CompatibilityCheck.run(previous, next);
    }
}
