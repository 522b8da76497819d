package io.operadb.api.schema;

import java.util.Map;
import java.util.Optional;

/** The declared type of a field or parameter, with its validation rules. */
public interface FieldType {

    ValueKind kind();

    /** For {@link ValueKind#REF}: the referenced schema. */
    Optional<String> refSchema();

    /** For {@link ValueKind#OBJECT}: its fields. */
    Map<String, FieldType> fields();

    /** For {@link ValueKind#ARRAY}: its items; for {@link ValueKind#MAP}: its values. */
    Optional<FieldType> element();

    /** Whether the field (or parameter) must be present. */
    default boolean required() {
        return false;
    }

    /** Whether the values of this (top-level, scalar) state field must be unique among the schema's entities. */
    default boolean unique() {
        return false;
    }

    /** For {@link ValueKind#OBJECT}: declared without {@code fields}, so any JSON object is accepted. */
    default boolean open() {
        return false;
    }

    /** The free-text description of the field, if any. */
    default Optional<String> description() {
        return Optional.empty();
    }
}
