package io.operadb.api.unique;

import io.operadb.api.schema.CompiledSchema;
import io.operadb.api.schema.internal.Values;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How an event changes the values of a schema's unique fields: the value the entity gives up ({@code released})
 * and the one it takes ({@code claimed}), each in wire form or null. Pure.
 */
public record UniqueValueChange(String field, String released, String claimed) {

    /** The unique fields whose value differs between the two states, in the schema's field order. */
    public static List<UniqueValueChange> between(CompiledSchema schema, Map<String, ?> before, Map<String, ?> after) {
        List<UniqueValueChange> out = new ArrayList<>();
        for (String field : schema.uniqueFields()) {
            String old = wire(before == null ? null : before.get(field));
            String now = wire(after == null ? null : after.get(field));
            if (!Objects.equals(old, now)) {
                out.add(new UniqueValueChange(field, old, now));
            }
        }
        return out;
    }

    private static String wire(Object value) {
        Object wire = Values.toWire(value);
        return wire == null ? null : String.valueOf(wire);
    }
}
