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

    /** The free-text description of the field, if any. */
    default Optional<String> description() {
        return Optional.empty();
    }
}
