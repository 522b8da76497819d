package io.operadb.api.schema.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.operadb.api.schema.CompiledSchema;
import io.operadb.api.schema.FieldType;
import io.operadb.api.schema.GrantsRoles;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The one implementation of {@link CompiledSchema}. Immutable and thread-safe. */
public final class CompiledSchemaImpl implements CompiledSchema {

    private final String schemaId;
    private final int version;
    private final String description;
    private final JsonNode document;
    private final Map<String, FieldSpec> fields;
    private final Map<String, CompiledAction> actions;
    private final String creatingAction;
    private final CompiledWorkflow workflow;
    private final GrantsRoles grantsRoles;
    private final io.operadb.api.schema.ReadRule readRule;
    private final List<String> uniqueFields;
    private final CompiledMigration migration;

    CompiledSchemaImpl(String schemaId, int version, String description, JsonNode document,
                       Map<String, FieldSpec> fields, Map<String, CompiledAction> actions, String creatingAction,
                       CompiledWorkflow workflow, GrantsRoles grantsRoles, CompiledMigration migration,
                       io.operadb.api.schema.ReadRule readRule) {
        this.readRule = readRule;
        this.schemaId = schemaId;
        this.version = version;
        this.description = description;
        this.document = document;
        this.fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        this.actions = Collections.unmodifiableMap(new LinkedHashMap<>(actions));
        this.creatingAction = creatingAction;
        this.workflow = workflow;
        this.grantsRoles = grantsRoles;
        this.migration = migration;
        this.uniqueFields = fields.entrySet().stream().filter(e -> e.getValue().unique).map(Map.Entry::getKey)
                .toList();
    }

    public static CompiledSchemaImpl of(CompiledSchema schema) {
        if (schema instanceof CompiledSchemaImpl impl) {
            return impl;
        }
        throw new IllegalArgumentException("not a schema compiled by SchemaCompiler: "
                + (schema == null ? "null" : schema.getClass().getName()));
    }

    @Override
    public String schemaId() {
        return schemaId;
    }

    @Override
    public int version() {
        return version;
    }

    @Override
    public JsonNode document() {
        return document;
    }

    @Override
    public String creatingAction() {
        return creatingAction;
    }

    @Override
    public Set<String> actionNames() {
        return actions.keySet();
    }

    @Override
    public boolean hasAction(String name) {
        return name != null && actions.containsKey(name);
    }

    @Override
    public Optional<String> description() {
        return Optional.ofNullable(description);
    }

    @Override
    public List<String> uniqueFields() {
        return uniqueFields;
    }

    @Override
    public Optional<io.operadb.api.schema.ReadRule> readRule() {
        return Optional.ofNullable(readRule);
    }

    @Override
    public Optional<GrantsRoles> grantsRoles() {
        return Optional.ofNullable(grantsRoles);
    }

    @Override
    public Optional<String> workflowField() {
        return workflow == null ? Optional.empty() : Optional.of(workflow.field());
    }

    @Override
    public java.util.OptionalInt migratesFrom() {
        return migration == null ? java.util.OptionalInt.empty() : java.util.OptionalInt.of(migration.from());
    }

    /** The declared migration from the previous version, or null. */
    public CompiledMigration migration() {
        return migration;
    }

    /** The compiled workflow, or null. */
    public CompiledWorkflow workflow() {
        return workflow;
    }

    @Override
    public Map<String, FieldType> fields() {
        return Collections.unmodifiableMap(fields);
    }

    public Map<String, FieldSpec> fieldSpecs() {
        return fields;
    }

    @Override
    public Map<String, FieldType> params(String action) {
        CompiledAction a = action == null ? null : actions.get(action);
        return a == null ? Map.of() : Collections.unmodifiableMap(a.params());
    }

    public CompiledAction action(String name) {
        return name == null ? null : actions.get(name);
    }

    @Override
    public Optional<FieldType> fieldAt(String dottedPath) {
        if (dottedPath == null || dottedPath.isEmpty()) {
            return Optional.empty();
        }
        String[] parts = dottedPath.split("\\.", -1);
        FieldSpec t = fields.get(parts[0]);
        for (int i = 1; i < parts.length && t != null; i++) {
            String seg = parts[i];
            switch (t.kind) {
                case OBJECT -> t = t.fields.get(seg);
                case MAP -> t = seg.isEmpty() ? null : t.element;
                case ARRAY -> {
                    if (!seg.isEmpty() && seg.chars().allMatch(Character::isDigit)) {
                        t = t.element;
                    } else {
                        // items.name addresses a field of every item (as MongoDB does)
                        t = t.element;
                        i--;
                        if (t.kind != io.operadb.api.schema.ValueKind.OBJECT
                                && t.kind != io.operadb.api.schema.ValueKind.MAP
                                && t.kind != io.operadb.api.schema.ValueKind.ARRAY) {
                            t = null;
                        }
                    }
                }
                default -> t = null;
            }
        }
        return Optional.ofNullable(t);
    }

    @Override
    public String toString() {
        return "CompiledSchema[" + schemaId + " v" + version + "]";
    }
}
