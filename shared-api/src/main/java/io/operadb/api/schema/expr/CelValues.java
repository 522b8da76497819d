package io.operadb.api.schema.expr;

import io.operadb.api.schema.Timestamps;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Conversion between canonical values and CEL values. CEL has no decimal type: decimals are passed to CEL as
 * doubles (exact arithmetic only through the fast path or reducer steps such as {@code add}).
 */
public final class CelValues {

    private CelValues() {
    }

    public static Object toCel(Object v) {
        return toCel(v, null);
    }

    /**
     * As {@link #toCel(Object)}, telling {@code decimals} the exact decimal behind each double it makes, so that the
     * exact {@code decimal.*} functions can recover it.
     */
    public static Object toCel(Object v, java.util.function.BiConsumer<Double, BigDecimal> decimals) {
        if (v == null || v instanceof String || v instanceof Boolean || v instanceof Long || v instanceof Double) {
            return v;
        }
        if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof BigDecimal d) {
            Double x = Double.valueOf(d.doubleValue()); // one boxed instance: the decimal functions recognise it
            if (decimals != null) {
                decimals.accept(x, d);
            }
            return x;
        }
        if (v instanceof BigInteger b) {
            return b.bitLength() < 64 ? (Object) b.longValue() : (Object) b.doubleValue();
        }
        if (v instanceof Float f) {
            return Double.valueOf(Float.toString(f));
        }
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>(Math.max(4, m.size() * 2));
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (e.getValue() != null) {
                    out.put(String.valueOf(e.getKey()), toCel(e.getValue(), decimals));
                }
            }
            return out;
        }
        if (v instanceof Collection<?> c) {
            List<Object> out = new ArrayList<>(c.size());
            for (Object item : c) {
                out.add(item == null ? dev.cel.common.values.NullValue.NULL_VALUE : toCel(item, decimals));
            }
            return out;
        }
        if (v instanceof Instant i) {
            return Timestamps.format(i);
        }
        return v.toString();
    }

    /** A CEL result back to Java: lists/maps copied, CEL null → null, unsigned → Long. */
    public static Object fromCel(Object v) {
        if (v == null || v instanceof String || v instanceof Boolean || v instanceof Long || v instanceof Double) {
            return v;
        }
        if (v instanceof dev.cel.common.values.NullValue || v instanceof com.google.protobuf.NullValue) {
            return null;
        }
        if (v instanceof com.google.common.primitives.UnsignedLong u) {
            return u.longValue();
        }
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                // null values are kept: merge uses them to remove keys (canonicalisation drops them elsewhere)
                out.put(String.valueOf(e.getKey()), fromCel(e.getValue()));
            }
            return out;
        }
        if (v instanceof Collection<?> c) {
            List<Object> out = new ArrayList<>(c.size());
            for (Object item : c) {
                out.add(fromCel(item));
            }
            return out;
        }
        if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof com.google.protobuf.ByteString b) {
            return b.toStringUtf8();
        }
        return v;
    }
}
