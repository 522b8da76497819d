package io.operadb.query.entity;

import io.operadb.api.entity.WireValues;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Compares two canonical states leaf by leaf. Objects and maps are walked, so a change is named by its dotted path
 * ({@code state.address.city}, {@code state.balances.user:bob}); arrays and scalars are leaves, compared whole; an
 * empty object or map has no leaves. Decimals compare by value ({@code 1.50} equals {@code 1.5}).
 */
final class StateDiff {

    static final String ROOT = "state";

    private StateDiff() {
    }

    /** The leaves of a state, by dotted path from {@code state}, in path order. */
    static Map<String, Object> leaves(Map<String, Object> state) {
        Map<String, Object> out = new TreeMap<>();
        walk(ROOT, state, out);
        return out;
    }

    /** The paths whose leaf differs (present in one only, or different values), in path order. */
    static Set<String> changedPaths(Map<String, Object> before, Map<String, Object> after) {
        Set<String> paths = new TreeSet<>(before.keySet());
        paths.addAll(after.keySet());
        paths.removeIf(path -> same(before.get(path), after.get(path)));
        return paths;
    }

    /** A leaf in wire form (decimals as strings), null for absent. */
    static Object wire(Object leaf) {
        return leaf == null ? null : WireValues.toWireValue(leaf);
    }

    private static void walk(String path, Object value, Map<String, Object> out) {
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> walk(path + "." + k, v, out));
        } else if (value != null) {
            out.put(path, value);
        }
    }

    static boolean same(Object a, Object b) {
        if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
            return x.compareTo(y) == 0;
        }
        if (a instanceof Collection<?> x && b instanceof Collection<?> y) {
            if (x.size() != y.size()) {
                return false;
            }
            var i = x.iterator();
            var j = y.iterator();
            while (i.hasNext()) {
                if (!same(i.next(), j.next())) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
            if (!x.keySet().equals(y.keySet())) {
                return false;
            }
            return x.entrySet().stream().allMatch(e -> same(e.getValue(), y.get(e.getKey())));
        }
        return Objects.equals(a, b);
    }

}
