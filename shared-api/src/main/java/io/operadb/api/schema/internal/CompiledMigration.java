package io.operadb.api.schema.internal;

import io.operadb.api.schema.expr.Expr;

import java.util.List;
import java.util.Map;

/**
 * A schema version's declared migration from the version before it ({@code "migrate"} in the document): top-level
 * field renames, defaults for fields still absent, one expression per field whose value it computes, and fields
 * dropped on purpose. Immutable; the expressions see {@code state} only.
 *
 * @param from     the version it migrates from (always this version minus one)
 * @param rename   old field name → new field name
 * @param defaults new field → expression, applied where the state has no value
 * @param set      field → expression giving its new value (null removes it)
 * @param drop     fields of the previous version whose values are discarded on purpose
 */
public record CompiledMigration(int from, Map<String, String> rename, Map<String, Expr> defaults,
                                Map<String, Expr> set, List<String> drop) {
}
