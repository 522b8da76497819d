package io.operadb.api.schema.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.operadb.api.schema.FieldType;
import io.operadb.api.schema.ValueKind;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** A parsed field or parameter spec: its kind and rules. Immutable once built by {@link FieldSpecParser}. */
public final class FieldSpec implements FieldType {

    ValueKind kind;
    boolean required;
    /** A state field whose values must be unique among the schema's entities of an account (enforced by the command side). */
    boolean unique;
    /** An object declared without {@code fields}: any JSON object (free-form keys and values). */
    boolean open;
    String description;
    String label;
    JsonNode format;
    String refSchema;
    Map<String, FieldSpec> fields = Map.of();
    FieldSpec element;
    Integer minLength;
    Integer maxLength;
    Pattern pattern;
    List<String> enumStrings;
    List<Long> enumLongs;
    Long minInt;
    Long maxInt;
    BigDecimal minDec;
    BigDecimal maxDec;
    Integer scale;
    Integer minItems;
    Integer maxItems;

    FieldSpec() {
    }

    @Override
    public ValueKind kind() {
        return kind;
    }

    @Override
    public Optional<String> refSchema() {
        return Optional.ofNullable(refSchema);
    }

    @Override
    public Map<String, FieldType> fields() {
        return Collections.unmodifiableMap(fields);
    }

    /** The object fields with their concrete type. */
    public Map<String, FieldSpec> fieldSpecs() {
        return fields;
    }

    @Override
    public Optional<FieldType> element() {
        return Optional.ofNullable(element);
    }

    /** Array items or map values, or null. */
    public FieldSpec elementSpec() {
        return element;
    }

    @Override
    public boolean required() {
        return required;
    }

    @Override
    public Optional<String> description() {
        return Optional.ofNullable(description);
    }

    @Override
    public boolean unique() {
        return unique;
    }

    @Override
    public boolean open() {
        return open;
    }

    public Optional<String> label() {
        return Optional.ofNullable(label);
    }

    public Optional<JsonNode> format() {
        return Optional.ofNullable(format);
    }

    /** Casts a {@link FieldType} that this package produced. */
    public static FieldSpec of(FieldType type) {
        if (type == null || type instanceof FieldSpec) {
            return (FieldSpec) type;
        }
        throw new IllegalArgumentException("not a compiled field type: " + type.getClass().getName());
    }

    @Override
    public String toString() {
        return "FieldSpec[" + kind + (required ? ", required" : "") + "]";
    }
}
