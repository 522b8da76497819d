package io.operadb.api.schema;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** One published version of a schema, with its expressions compiled. Immutable and thread-safe. */
public interface CompiledSchema {

    String schemaId();

    int version();

    JsonNode document();

    /** The name of the one action with {@code "creates": true}. */
    String creatingAction();

    Set<String> actionNames();

    boolean hasAction(String name);

    /** The type of a state field by dotted path ({@code owner}, {@code address.city}, {@code balances.0xab..}). */
    Optional<FieldType> fieldAt(String dottedPath);

    /** The declared state fields, in document order. */
    Map<String, FieldType> fields();

    /** The declared parameters of an action, in document order (empty when the action is unknown). */
    Map<String, FieldType> params(String action);

    /** The schema's description, if any. */
    Optional<String> description();

    /** The top-level state fields declared {@code "unique": true}, in document order. */
    List<String> uniqueFields();

    /** Who may read the schema's entities; empty: every actor of the account. Admins read everything. */
    Optional<ReadRule> readRule();

    /** Whether (and through which fields) the schema's entities grant roles to actors. */
    Optional<GrantsRoles> grantsRoles();

    /** The state field the schema's workflow moves ({@code status}), if it declares a workflow. */
    Optional<String> workflowField();

    /** The version this one declares a migration from ({@code "migrate": {"from": N, ...}}), if it declares one. */
    java.util.OptionalInt migratesFrom();
}
