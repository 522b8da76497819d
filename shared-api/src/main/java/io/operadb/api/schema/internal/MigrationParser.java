package io.operadb.api.schema.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.operadb.api.schema.expr.CelEnvironment;
import io.operadb.api.schema.expr.Expr;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Parses a schema document's {@code migrate} block. Checks what the document alone can tell (shape, expressions,
 * that targets are fields of this version); how it relates to the previous version is
 * {@link io.operadb.api.schema.SchemaEvolution}'s job, at publish time.
 */
final class MigrationParser {

    static final String KEY = "migrate";
    private static final Set<String> KEYS = Set.of("from", "rename", "defaults", "set", "drop");

    private MigrationParser() {
    }

    /** The compiled migration, or null when the block has errors (collected in {@code errors}). */
    static CompiledMigration parse(JsonNode node, int version, Set<String> declaredNames, Errors errors) {
        int before = errors.size();
        if (!node.isObject()) {
            errors.add(KEY, "must be an object {from, rename?, defaults?, set?, drop?}");
            return null;
        }
        node.fieldNames().forEachRemaining(k -> {
            if (!KEYS.contains(k)) {
                errors.add(KEY + "." + k, "unknown key (allowed: " + String.join(", ", new TreeSet<>(KEYS)) + ")");
            }
        });
        JsonNode from = node.get("from");
        if (from == null || from.isNull()) {
            errors.add(KEY + ".from", "is required: the version this one migrates from (" + (version - 1) + ")");
        } else if (!from.isIntegralNumber() || from.intValue() != version - 1 || version < 2) {
            errors.add(KEY + ".from", version < 2 ? "version 1 has nothing to migrate from"
                    : "must be " + (version - 1) + ": a version migrates from the one just before it");
        }
        Map<String, String> rename = new LinkedHashMap<>();
        JsonNode renameNode = node.get("rename");
        if (renameNode != null && !renameNode.isNull()) {
            if (!renameNode.isObject()) {
                errors.add(KEY + ".rename", "must be an object {\"oldName\": \"newName\"}");
            } else {
                Set<String> targets = new java.util.HashSet<>();
                Iterator<Map.Entry<String, JsonNode>> it = renameNode.fields();
                while (it.hasNext()) {
                    Map.Entry<String, JsonNode> e = it.next();
                    String p = KEY + ".rename." + e.getKey();
                    JsonNode to = e.getValue();
                    if (!to.isTextual() || !declaredNames.contains(to.asText())) {
                        errors.add(p, "must name a field declared by this version");
                    } else if (to.asText().equals(e.getKey())) {
                        errors.add(p, "renames a field to itself");
                    } else if (!targets.add(to.asText())) {
                        errors.add(p, "two fields are renamed to '" + to.asText() + "'");
                    } else {
                        rename.put(e.getKey(), to.asText());
                    }
                }
            }
        }
        Map<String, Expr> defaults = expressions(node.get("defaults"), "defaults", declaredNames, errors);
        Map<String, Expr> set = expressions(node.get("set"), "set", declaredNames, errors);
        List<String> drop = new ArrayList<>();
        JsonNode dropNode = node.get("drop");
        if (dropNode != null && !dropNode.isNull()) {
            if (!dropNode.isArray()) {
                errors.add(KEY + ".drop", "must be an array of field names of the previous version");
            } else {
                for (int i = 0; i < dropNode.size(); i++) {
                    JsonNode d = dropNode.get(i);
                    if (!d.isTextual() || d.asText().isEmpty()) {
                        errors.add(KEY + ".drop[" + i + "]", "must be a field name");
                    } else if (rename.containsKey(d.asText())) {
                        errors.add(KEY + ".drop[" + i + "]", "'" + d.asText() + "' is renamed, not dropped");
                    } else {
                        drop.add(d.asText());
                    }
                }
            }
        }
        if (errors.size() != before) {
            return null;
        }
        return new CompiledMigration(version - 1, Map.copyOf(rename), defaults, set, List.copyOf(drop));
    }

    /** {@code {"field": "<CEL over state>"}}, or a JSON literal as the value. */
    private static Map<String, Expr> expressions(JsonNode node, String key, Set<String> declaredNames, Errors errors) {
        Map<String, Expr> out = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return out;
        }
        String path = KEY + "." + key;
        if (!node.isObject()) {
            errors.add(path, "must be an object {\"field\": \"expression over state\"}");
            return out;
        }
        Iterator<Map.Entry<String, JsonNode>> it = node.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String p = path + "." + e.getKey();
            if (!declaredNames.contains(e.getKey())) {
                errors.add(p, "'" + e.getKey() + "' is not a field declared by this version");
                continue;
            }
            JsonNode v = e.getValue();
            if (v.isTextual()) {
                CelEnvironment.Compiled c = CelEnvironment.compile(v.asText(), CelEnvironment.Scope.MIGRATE);
                if (!c.ok()) {
                    errors.add(p, c.error() + " (a migration sees only 'state')");
                } else {
                    out.put(e.getKey(), c.expr());
                }
            } else if (v.isNull()) {
                errors.add(p, "must be an expression or a JSON value, not null");
            } else {
                out.put(e.getKey(), new CelEnvironment.LiteralExpr(v.toString(), Values.generic(SchemaParser.jsonToJava(v))));
            }
        }
        return java.util.Collections.unmodifiableMap(out);
    }
}
