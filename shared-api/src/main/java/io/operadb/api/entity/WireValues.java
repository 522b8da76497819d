package io.operadb.api.entity;

import io.operadb.api.schema.CompiledSchema;
import io.operadb.api.schema.FieldType;
import io.operadb.api.schema.internal.CompiledSchemaImpl;
import io.operadb.api.schema.internal.FieldSpec;
import io.operadb.api.schema.internal.Values;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Converts canonical values (Long, BigDecimal, ...) to their wire form (decimals as plain strings), and values that
 * went through JSON or a store back to canonical form.
 * <p>
 * Canonical: String, Long, BigDecimal (normalised: no trailing zeros), Boolean, timestamps/actors/refs as String,
 * LinkedHashMap for objects and maps, ArrayList for arrays. Wire: the same with BigDecimal as a plain string
 * ({@code "800.25"}, {@code "1000"}).
 */
public final class WireValues {

    private WireValues() {
    }

    /** Canonical → wire, recursively; the result is a fresh map. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> toWire(Map<String, Object> canonical) {
        if (canonical == null) {
            return null;
        }
        return (Map<String, Object>) Values.toWire(canonical);
    }

    /** One canonical value → wire. */
    public static Object toWireValue(Object canonical) {
        return Values.toWire(canonical);
    }

    /**
     * A state as read back from JSON, a snapshot or a store → canonical, leniently by the schema's field types
     * (Integer → Long, Double/String → BigDecimal for decimals, ...). A fresh map; nulls dropped.
     */
    public static Map<String, Object> toCanonical(CompiledSchema schema, Map<String, ?> state) {
        return Values.canonicalObject(CompiledSchemaImpl.of(schema).fieldSpecs(), state);
    }

    /** An event's data (wire form) → canonical, by the action's parameter types. */
    public static Map<String, Object> toCanonicalParams(CompiledSchema schema, String action, Map<String, ?> data) {
        var a = CompiledSchemaImpl.of(schema).action(action);
        if (a == null) {
            return Values.canonicalObject(null, data);
        }
        return Values.canonicalObject(a.params(), data);
    }

    /** One value → canonical by its declared type (null type: generic). */
    public static Object toCanonical(FieldType type, Object value) {
        return Values.canonical(FieldSpec.of(type), value);
    }

    /** A deep copy of a canonical map. */
    public static Map<String, Object> copy(Map<String, Object> canonical) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (canonical != null) {
            canonical.forEach((k, v) -> out.put(k, Values.deepCopy(v)));
        }
        return out;
    }
}
