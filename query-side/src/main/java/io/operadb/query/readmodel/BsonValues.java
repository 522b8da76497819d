package io.operadb.query.readmodel;

import org.bson.Document;
import org.bson.types.Decimal128;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Canonical entity values to BSON and back. Decimals become Decimal128 so that MongoDB compares and sorts
 * them exactly as numbers; integers are stored as 64-bit longs.
 */
public final class BsonValues {

    private BsonValues() {
    }

    public static Object toBson(Object value) {
        if (value instanceof BigDecimal decimal) {
            return new Decimal128(decimal);
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof Map<?, ?> map) {
            Document document = new Document();
            map.forEach((k, v) -> document.put(String.valueOf(k), toBson(v)));
            return document;
        }
        if (value instanceof List<?> list) {
            List<Object> converted = new ArrayList<>(list.size());
            list.forEach(item -> converted.add(toBson(item)));
            return converted;
        }
        return value;
    }

    public static Document toDocument(Map<String, Object> map) {
        return (Document) toBson(map);
    }

    public static Object toCanonical(Object value) {
        if (value instanceof Decimal128 decimal) {
            return decimal.bigDecimalValue();
        }
        if (value instanceof Integer i) {
            return i.longValue();
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> converted = new LinkedHashMap<>();
            map.forEach((k, v) -> converted.put(String.valueOf(k), toCanonical(v)));
            return converted;
        }
        if (value instanceof List<?> list) {
            List<Object> converted = new ArrayList<>(list.size());
            list.forEach(item -> converted.add(toCanonical(item)));
            return converted;
        }
        return value;
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> toCanonicalMap(Object document) {
        return document == null ? new LinkedHashMap<>() : (Map<String, Object>) toCanonical(document);
    }
}
