package io.operadb.api.schema.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.operadb.api.actor.ActorIds;
import io.operadb.api.entity.EntityRef;
import io.operadb.api.naming.Names;
import io.operadb.api.schema.Timestamps;
import io.operadb.api.schema.ValueKind;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The value rules of the schema language: canonical Java values (String, Long, BigDecimal, Boolean,
 * LinkedHashMap, ArrayList), strict validation of JSON input, validation of canonical state,
 * lenient canonicalisation of values that went through JSON or a store, and the wire form.
 */
public final class Values {

    /** Decimals beyond this many digits (integer part or fraction) are refused as input. */
    public static final int MAX_DECIMAL_DIGITS = 1000;
    public static final int MAX_MAP_KEY_LENGTH = 256;

    private static final BigDecimal LONG_MIN = BigDecimal.valueOf(Long.MIN_VALUE);
    private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);

    private Values() {
    }

    // ---------------------------------------------------------------- numbers

    /** Strips trailing zeros and never leaves a negative scale: 800.250 → 800.25, 1E+3 → 1000. */
    public static BigDecimal normalize(BigDecimal d) {
        if (d == null) {
            return null;
        }
        if (d.signum() == 0) {
            return BigDecimal.ZERO;
        }
        BigDecimal s = d.stripTrailingZeros();
        return s.scale() < 0 ? s.setScale(0) : s;
    }

    /** Any number (or numeric string) as a normalised BigDecimal; null when not a finite number. */
    public static BigDecimal toBigDecimal(Object v) {
        BigDecimal d;
        if (v instanceof BigDecimal b) {
            d = b;
        } else if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            d = BigDecimal.valueOf(((Number) v).longValue());
        } else if (v instanceof BigInteger b) {
            d = new BigDecimal(b);
        } else if (v instanceof Double || v instanceof Float) {
            double x = ((Number) v).doubleValue();
            if (!Double.isFinite(x)) {
                return null;
            }
            d = new BigDecimal(v instanceof Float ? Float.toString((Float) v) : Double.toString(x));
        } else if (v instanceof Number n) {
            d = parseDecimal(n.toString());
        } else if (v instanceof String s) {
            d = parseDecimal(s);
        } else {
            return null;
        }
        return normalize(d);
    }

    /** An integral number as a Long (also integral doubles/decimals); null when not integral or out of range. */
    public static Long toLong(Object v) {
        if (v instanceof Long l) {
            return l;
        }
        if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof BigInteger b) {
            return b.bitLength() < 64 ? b.longValue() : null;
        }
        if (v instanceof Number || v instanceof String) {
            BigDecimal d = toBigDecimal(v);
            if (d == null || d.scale() > 0 || d.compareTo(LONG_MIN) < 0 || d.compareTo(LONG_MAX) > 0) {
                return null;
            }
            return d.longValueExact();
        }
        return null;
    }

    /** True for the Java integral types (not for integral-valued doubles). */
    public static boolean isIntegral(Object v) {
        return v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte
                || v instanceof BigInteger;
    }

    private static BigDecimal parseDecimal(String s) {
        if (s == null || s.isEmpty() || s.length() > 2 * MAX_DECIMAL_DIGITS) {
            return null;
        }
        String t = s.trim();
        if (t.isEmpty() || !(Character.isDigit(t.charAt(0)) || t.charAt(0) == '-' || t.charAt(0) == '+'
                || t.charAt(0) == '.')) {
            return null;
        }
        try {
            BigDecimal d = new BigDecimal(t);
            BigDecimal n = normalize(d);
            if (n.scale() > MAX_DECIMAL_DIGITS || n.precision() - n.scale() > MAX_DECIMAL_DIGITS) {
                return null;
            }
            return n;
        } catch (NumberFormatException | ArithmeticException e) {
            return null;
        }
    }

    /** A decimal from a JSON number or numeric string; null when neither. */
    public static BigDecimal decimalFromJson(JsonNode node) {
        if (node == null) {
            return null;
        }
        if (node.isNumber()) {
            if (node.isDouble() || node.isFloat()) {
                double x = node.doubleValue();
                if (!Double.isFinite(x)) {
                    return null;
                }
            }
            if (node.isBigDecimal() || node.isBigInteger()) {
                return parseDecimal(node.decimalValue().toString());
            }
            return toBigDecimal(node.numberValue());
        }
        if (node.isTextual()) {
            return parseDecimal(node.asText());
        }
        return null;
    }

    // ---------------------------------------------------------------- map keys

    /** Why a map key is unacceptable (MongoDB stores state), or null when it is fine. */
    public static String mapKeyProblem(String key) {
        if (key == null || key.isEmpty()) {
            return "map key must not be empty";
        }
        if (key.length() > MAX_MAP_KEY_LENGTH) {
            return "map key must be at most " + MAX_MAP_KEY_LENGTH + " characters";
        }
        if (key.indexOf('.') >= 0) {
            return "map key must not contain '.'";
        }
        if (key.charAt(0) == '$') {
            return "map key must not start with '$'";
        }
        if (key.indexOf('\0') >= 0) {
            return "map key must not contain NUL";
        }
        return null;
    }

    // ---------------------------------------------------------------- strict input validation

    /**
     * Validates JSON input against a type and returns its canonical value (null when invalid; errors collected).
     * A JSON null is treated by the caller as absent.
     */
    public static Object fromJson(FieldSpec t, JsonNode n, String path, Errors errors, List<EntityRef> refs) {
        switch (t.kind) {
            case STRING -> {
                if (!n.isTextual()) {
                    errors.add(path, "must be a string");
                    return null;
                }
                String s = n.asText();
                return checkRules(t, s, path, errors) ? s : null;
            }
            case INTEGER -> {
                Long l = null;
                if (n.isIntegralNumber()) {
                    if (!n.canConvertToLong()) {
                        errors.add(path, "is out of range for a 64-bit integer");
                        return null;
                    }
                    l = n.longValue();
                } else if (n.isNumber()) {
                    BigDecimal d = decimalFromJson(n);
                    if (d != null && d.scale() <= 0) {
                        l = toLong(d);
                        if (l == null) {
                            errors.add(path, "is out of range for a 64-bit integer");
                            return null;
                        }
                    }
                }
                if (l == null) {
                    errors.add(path, "must be an integer");
                    return null;
                }
                return checkRules(t, l, path, errors) ? l : null;
            }
            case DECIMAL -> {
                BigDecimal d = (n.isNumber() || n.isTextual()) ? decimalFromJson(n) : null;
                if (d == null) {
                    errors.add(path, "must be a decimal number (a JSON number or a string such as \"800.25\")");
                    return null;
                }
                return checkRules(t, d, path, errors) ? d : null;
            }
            case BOOLEAN -> {
                if (!n.isBoolean()) {
                    errors.add(path, "must be a boolean");
                    return null;
                }
                return n.booleanValue();
            }
            case TIMESTAMP -> {
                String c = n.isTextual() ? Timestamps.canonical(n.asText()) : null;
                if (c == null) {
                    errors.add(path, "must be an ISO-8601 timestamp with an offset, e.g. 2026-01-02T03:04:05Z");
                }
                return c;
            }
            case ACTOR -> {
                if (!n.isTextual() || !ActorIds.isValid(n.asText())) {
                    errors.add(path, "must be an actor id (user:alice, svc:importer or 0x + 40 hex digits)");
                    return null;
                }
                return ActorIds.normalize(n.asText());
            }
            case REF -> {
                if (!n.isTextual() || !Names.isEntityId(n.asText())) {
                    errors.add(path, "must be the id of a " + t.refSchema + " entity (" + Names.ENTITY_ID.pattern() + ")");
                    return null;
                }
                if (refs != null) {
                    refs.add(new EntityRef(path, t.refSchema, n.asText()));
                }
                return n.asText();
            }
            case OBJECT -> {
                if (!n.isObject()) {
                    errors.add(path, "must be an object");
                    return null;
                }
                if (t.open) {
                    int before = errors.size();
                    Object free = freeFromJson(n, path, errors, 0);
                    return errors.size() == before ? free : null;
                }
                return objectFromJson(t.fields, n, path, errors, refs, "unknown field");
            }
            case ARRAY -> {
                if (!n.isArray()) {
                    errors.add(path, "must be an array");
                    return null;
                }
                int before = errors.size();
                List<Object> out = new ArrayList<>(n.size());
                for (int i = 0; i < n.size(); i++) {
                    JsonNode item = n.get(i);
                    String p = path + "[" + i + "]";
                    if (item.isNull()) {
                        errors.add(p, "must not be null");
                        continue;
                    }
                    out.add(fromJson(t.element, item, p, errors, refs));
                }
                if (errors.size() != before) {
                    return null;
                }
                return checkRules(t, out, path, errors) ? out : null;
            }
            case MAP -> {
                if (!n.isObject()) {
                    errors.add(path, "must be an object (a map)");
                    return null;
                }
                int before = errors.size();
                Map<String, Object> out = new LinkedHashMap<>();
                Iterator<Map.Entry<String, JsonNode>> it = n.fields();
                while (it.hasNext()) {
                    Map.Entry<String, JsonNode> e = it.next();
                    String p = path + "." + e.getKey();
                    String keyProblem = mapKeyProblem(e.getKey());
                    if (keyProblem != null) {
                        errors.add(p, keyProblem);
                        continue;
                    }
                    if (e.getValue().isNull()) {
                        errors.add(p, "must not be null");
                        continue;
                    }
                    out.put(e.getKey(), fromJson(t.element, e.getValue(), p, errors, refs));
                }
                return errors.size() == before ? out : null;
            }
            default -> throw new IllegalStateException("kind " + t.kind);
        }
    }

    /** Deepest nesting accepted inside a free-form object. */
    public static final int MAX_FREE_DEPTH = 32;

    /**
     * A free-form JSON value (inside an object declared without {@code fields}) to canonical form: objects (keys
     * checked like map keys), arrays, strings, booleans, integers as Long, and other numbers kept exactly as their
     * plain decimal string ({@code 512.50} → {@code "512.5"}, as decimals are served): an untyped value must read back
     * the same from an event's JSON. Nulls are refused.
     */
    static Object freeFromJson(JsonNode n, String path, Errors errors, int depth) {
        if (depth > MAX_FREE_DEPTH) {
            errors.add(path, "nested too deeply (at most " + MAX_FREE_DEPTH + " levels)");
            return null;
        }
        if (n.isObject()) {
            Map<String, Object> out = new LinkedHashMap<>();
            Iterator<Map.Entry<String, JsonNode>> it = n.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                String p = path + "." + e.getKey();
                String keyProblem = mapKeyProblem(e.getKey());
                if (keyProblem != null) {
                    errors.add(p, keyProblem);
                } else if (e.getValue().isNull()) {
                    errors.add(p, "must not be null");
                } else {
                    out.put(e.getKey(), freeFromJson(e.getValue(), p, errors, depth + 1));
                }
            }
            return out;
        }
        if (n.isArray()) {
            List<Object> out = new ArrayList<>(n.size());
            for (int i = 0; i < n.size(); i++) {
                if (n.get(i).isNull()) {
                    errors.add(path + "[" + i + "]", "must not be null");
                } else {
                    out.add(freeFromJson(n.get(i), path + "[" + i + "]", errors, depth + 1));
                }
            }
            return out;
        }
        if (n.isTextual()) {
            return n.asText();
        }
        if (n.isBoolean()) {
            return n.booleanValue();
        }
        if (n.isIntegralNumber() && n.canConvertToLong()) {
            return n.longValue();
        }
        if (n.isNumber()) {
            BigDecimal d = decimalFromJson(n);
            if (d == null) {
                errors.add(path, "must be a finite number");
                return null;
            }
            return free(d);
        }
        errors.add(path, "must be a JSON object, array, string, number or boolean");
        return null;
    }

    /**
     * Canonicalises free-form content (an open object's): containers copied, nulls dropped, integers as Long, other
     * numbers as their exact plain decimal string.
     */
    public static Object free(Object v) {
        if (v == null || v instanceof String || v instanceof Boolean || v instanceof Long) {
            return v;
        }
        if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof Number n) {
            BigDecimal d = toBigDecimal(n);
            if (d == null) {
                return n.toString();
            }
            Long l = d.scale() <= 0 ? toLong(d) : null;
            return l != null ? l : d.toPlainString();
        }
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                Object c = free(e.getValue());
                if (c != null) {
                    out.put(String.valueOf(e.getKey()), c);
                }
            }
            return out;
        }
        if (v instanceof Collection<?> c) {
            List<Object> out = new ArrayList<>(c.size());
            for (Object item : c) {
                out.add(free(item));
            }
            return out;
        }
        if (v instanceof Object[] a) {
            return free(java.util.Arrays.asList(a));
        }
        return generic(v);
    }

    /** Every entry of a stored map: its key must be a valid map key and its value present; then {@code value}. */
    private static void checkEntries(Map<?, ?> map, String path, Errors errors,
                                     java.util.function.BiConsumer<Object, String> value) {
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String key = String.valueOf(e.getKey());
            String p = path + "." + key;
            String keyProblem = mapKeyProblem(key);
            if (keyProblem != null) {
                errors.add(p, keyProblem);
            } else if (e.getValue() == null) {
                errors.add(p, "must not be null");
            } else {
                value.accept(e.getValue(), p);
            }
        }
    }

    /** Every item of a stored array: present, then {@code item}. */
    private static void checkItems(List<?> list, String path, Errors errors,
                                   java.util.function.BiConsumer<Object, String> item) {
        for (int i = 0; i < list.size(); i++) {
            String p = path + "[" + i + "]";
            if (list.get(i) == null) {
                errors.add(p, "must not be null");
            } else {
                item.accept(list.get(i), p);
            }
        }
    }

    /** Checks a canonical free-form value: keys acceptable as map keys, no nulls. */
    private static void checkFree(Object v, String path, Errors errors, int depth) {
        if (depth > MAX_FREE_DEPTH) {
            errors.add(path, "nested too deeply (at most " + MAX_FREE_DEPTH + " levels)");
            return;
        }
        if (v instanceof Map<?, ?> m) {
            checkEntries(m, path, errors, (value, p) -> checkFree(value, p, errors, depth + 1));
        } else if (v instanceof List<?> list) {
            checkItems(list, path, errors, (item, p) -> checkFree(item, p, errors, depth + 1));
        } else if (!(v instanceof String || v instanceof Boolean || v instanceof Long)) {
            errors.add(path, "must be a JSON object, array, string, integer or boolean (other numbers are kept as"
                    + " decimal strings)");
        }
    }

    /** Validates a JSON object against named field specs (params, object fields). */
    public static Map<String, Object> objectFromJson(Map<String, FieldSpec> fields, JsonNode n, String path,
                                                     Errors errors, List<EntityRef> refs, String unknownReason) {
        int before = errors.size();
        Map<String, Object> out = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = n.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!fields.containsKey(e.getKey())) {
                errors.add(Errors.child(path, e.getKey()), unknownReason);
            }
        }
        for (Map.Entry<String, FieldSpec> f : fields.entrySet()) {
            String p = Errors.child(path, f.getKey());
            JsonNode v = n.get(f.getKey());
            if (v == null || v.isNull() || v.isMissingNode()) {
                if (f.getValue().required) {
                    errors.add(p, "is required");
                }
                continue;
            }
            Object c = fromJson(f.getValue(), v, p, errors, refs);
            if (c != null) {
                out.put(f.getKey(), c);
            }
        }
        return errors.size() == before ? out : null;
    }

    /** Checks the rules of a scalar or array whose type is already right; reports and returns false on failure. */
    static boolean checkRules(FieldSpec t, Object v, String path, Errors errors) {
        int before = errors.size();
        switch (t.kind) {
            case STRING -> {
                String s = (String) v;
                int len = s.codePointCount(0, s.length());
                if (t.minLength != null && len < t.minLength) {
                    errors.add(path, "must be at least " + t.minLength + " characters long (minLength)");
                }
                if (t.maxLength != null && len > t.maxLength) {
                    errors.add(path, "must be at most " + t.maxLength + " characters long (maxLength)");
                }
                if (t.pattern != null && !t.pattern.matcher(s).matches()) {
                    errors.add(path, "must match the pattern " + t.pattern.pattern());
                }
                if (t.enumStrings != null && !t.enumStrings.contains(s)) {
                    errors.add(path, "must be one of " + t.enumStrings + " (enum)");
                }
            }
            case INTEGER -> {
                long l = (Long) v;
                if (t.minInt != null && l < t.minInt) {
                    errors.add(path, "must be >= " + t.minInt);
                }
                if (t.maxInt != null && l > t.maxInt) {
                    errors.add(path, "must be <= " + t.maxInt);
                }
                if (t.enumLongs != null && !t.enumLongs.contains(l)) {
                    errors.add(path, "must be one of " + t.enumLongs + " (enum)");
                }
            }
            case DECIMAL -> {
                BigDecimal d = (BigDecimal) v;
                if (t.minDec != null && d.compareTo(t.minDec) < 0) {
                    errors.add(path, "must be >= " + t.minDec.toPlainString());
                }
                if (t.maxDec != null && d.compareTo(t.maxDec) > 0) {
                    errors.add(path, "must be <= " + t.maxDec.toPlainString());
                }
                if (t.scale != null && normalize(d).scale() > t.scale) {
                    errors.add(path, "must have at most " + t.scale + " decimal places (scale)");
                }
            }
            case ARRAY -> {
                int size = ((List<?>) v).size();
                if (t.minItems != null && size < t.minItems) {
                    errors.add(path, "must have at least " + t.minItems + " items (minItems)");
                }
                if (t.maxItems != null && size > t.maxItems) {
                    errors.add(path, "must have at most " + t.maxItems + " items (maxItems)");
                }
            }
            default -> {
            }
        }
        return errors.size() == before;
    }

    // ---------------------------------------------------------------- canonical state validation

    /**
     * Validates a canonical state against the declared fields: types, required, rules. Undeclared top-level keys are
     * ignored (steps can only write declared fields, so they are leftovers of an older schema version); undeclared
     * keys inside object fields are reported.
     */
    public static void checkState(Map<String, FieldSpec> fields, Map<String, Object> state, String path, Errors errors) {
        checkObject(fields, state, path, errors, false);
    }

    private static void checkObject(Map<String, FieldSpec> fields, Map<?, ?> value, String path, Errors errors,
                                    boolean strict) {
        if (strict) {
            for (Map.Entry<?, ?> e : value.entrySet()) {
                if (!fields.containsKey(String.valueOf(e.getKey()))) {
                    errors.add(Errors.child(path, String.valueOf(e.getKey())), "unknown field");
                }
            }
        }
        for (Map.Entry<String, FieldSpec> f : fields.entrySet()) {
            Object v = value.get(f.getKey());
            String p = Errors.child(path, f.getKey());
            if (v == null) {
                if (f.getValue().required) {
                    errors.add(p, "is required");
                }
                continue;
            }
            check(f.getValue(), v, p, errors);
        }
    }

    /** Validates one canonical value. */
    public static void check(FieldSpec t, Object v, String path, Errors errors) {
        switch (t.kind) {
            case STRING -> {
                if (v instanceof String) {
                    checkRules(t, v, path, errors);
                } else {
                    errors.add(path, "must be a string");
                }
            }
            case INTEGER -> {
                if (v instanceof Long) {
                    checkRules(t, v, path, errors);
                } else {
                    errors.add(path, "must be an integer");
                }
            }
            case DECIMAL -> {
                if (v instanceof BigDecimal) {
                    checkRules(t, v, path, errors);
                } else {
                    errors.add(path, "must be a decimal number");
                }
            }
            case BOOLEAN -> {
                if (!(v instanceof Boolean)) {
                    errors.add(path, "must be a boolean");
                }
            }
            case TIMESTAMP -> {
                if (!(v instanceof String s) || !s.equals(Timestamps.canonical(s))) {
                    errors.add(path, "must be a timestamp (" + "yyyy-MM-ddTHH:mm:ss.SSSZ" + ")");
                }
            }
            case ACTOR -> {
                if (!(v instanceof String s) || !ActorIds.isValid(s)) {
                    errors.add(path, "must be an actor id");
                }
            }
            case REF -> {
                if (!(v instanceof String s) || !Names.isEntityId(s)) {
                    errors.add(path, "must be the id of a " + t.refSchema + " entity");
                }
            }
            case OBJECT -> {
                if (v instanceof Map<?, ?> m) {
                    if (t.open) {
                        checkFree(m, path, errors, 0);
                    } else {
                        checkObject(t.fields, m, path, errors, true);
                    }
                } else {
                    errors.add(path, "must be an object");
                }
            }
            case ARRAY -> {
                if (v instanceof List<?> list) {
                    checkItems(list, path, errors, (item, p) -> check(t.element, item, p, errors));
                    checkRules(t, list, path, errors);
                } else {
                    errors.add(path, "must be an array");
                }
            }
            case MAP -> {
                if (v instanceof Map<?, ?> m) {
                    checkEntries(m, path, errors, (value, p) -> check(t.element, value, p, errors));
                } else {
                    errors.add(path, "must be an object (a map)");
                }
            }
            default -> throw new IllegalStateException("kind " + t.kind);
        }
    }

    // ---------------------------------------------------------------- lenient canonicalisation

    /** Canonicalises a map of named fields (state, params); unknown keys are canonicalised generically, nulls dropped. */
    public static Map<String, Object> canonicalObject(Map<String, FieldSpec> fields, Map<?, ?> value) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (value == null) {
            return out;
        }
        for (Map.Entry<?, ?> e : value.entrySet()) {
            if (e.getValue() == null) {
                continue;
            }
            String key = String.valueOf(e.getKey());
            Object c = canonical(fields == null ? null : fields.get(key), e.getValue());
            if (c != null) {
                out.put(key, c);
            }
        }
        return out;
    }

    /**
     * Leniently converts a value to the canonical form of its declared type (null type = generic): any Number
     * subtype, numeric strings for numbers, timestamps re-formatted... Containers are always copied. A value that
     * cannot be converted is returned (generically canonicalised) for validation to report.
     */
    public static Object canonical(FieldSpec t, Object v) {
        if (v == null) {
            return null;
        }
        if (t == null) {
            return generic(v);
        }
        switch (t.kind) {
            case STRING, REF -> {
                return v instanceof String ? v : generic(v);
            }
            case INTEGER -> {
                if (v instanceof Number || v instanceof String) {
                    Long l = toLong(v);
                    if (l != null) {
                        return l;
                    }
                }
                return generic(v);
            }
            case DECIMAL -> {
                if (v instanceof Number || v instanceof String) {
                    BigDecimal d = toBigDecimal(v);
                    if (d != null) {
                        return d;
                    }
                }
                return generic(v);
            }
            case BOOLEAN -> {
                if (v instanceof String s && (s.equals("true") || s.equals("false"))) {
                    return Boolean.valueOf(s);
                }
                return generic(v);
            }
            case TIMESTAMP -> {
                if (v instanceof String s) {
                    String c = Timestamps.canonical(s);
                    return c == null ? s : c;
                }
                return generic(v);
            }
            case ACTOR -> {
                return v instanceof String s ? ActorIds.normalize(s) : generic(v);
            }
            case OBJECT -> {
                if (t.open) {
                    return v instanceof Map<?, ?> ? free(v) : generic(v);
                }
                return v instanceof Map<?, ?> m ? canonicalObject(t.fields, m) : generic(v);
            }
            case MAP -> {
                if (v instanceof Map<?, ?> m) {
                    Map<String, Object> out = new LinkedHashMap<>();
                    for (Map.Entry<?, ?> e : m.entrySet()) {
                        Object c = canonical(t.element, e.getValue());
                        if (c != null) {
                            out.put(String.valueOf(e.getKey()), c);
                        }
                    }
                    return out;
                }
                return generic(v);
            }
            case ARRAY -> {
                if (v instanceof Collection<?> c) {
                    List<Object> out = new ArrayList<>(c.size());
                    for (Object item : c) {
                        out.add(canonical(t.element, item));
                    }
                    return out;
                }
                if (v instanceof Object[] a) {
                    return canonical(t, java.util.Arrays.asList(a));
                }
                return generic(v);
            }
            default -> throw new IllegalStateException("kind " + t.kind);
        }
    }

    /** Canonicalises a value of unknown type: integral numbers → Long, other numbers → BigDecimal, containers copied. */
    public static Object generic(Object v) {
        if (v == null || v instanceof String || v instanceof Boolean || v instanceof Long) {
            return v;
        }
        if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof BigInteger b) {
            return b.bitLength() < 64 ? (Object) b.longValue() : normalize(new BigDecimal(b));
        }
        if (v instanceof Number n) {
            BigDecimal d = toBigDecimal(n);
            return d == null ? v : d;
        }
        if (v instanceof Map<?, ?> m) {
            return canonicalObject(null, m);
        }
        if (v instanceof Collection<?> c) {
            List<Object> out = new ArrayList<>(c.size());
            for (Object item : c) {
                out.add(generic(item));
            }
            return out;
        }
        if (v instanceof Object[] a) {
            return generic(java.util.Arrays.asList(a));
        }
        if (v instanceof Instant i) {
            return Timestamps.format(i);
        }
        if (v instanceof Date d) {
            return Timestamps.format(d.toInstant());
        }
        if (v instanceof Character || v instanceof Enum<?>) {
            return v.toString();
        }
        return v;
    }

    /** A deep copy of a canonical value (containers copied, leaves shared: they are immutable). */
    public static Object deepCopy(Object v) {
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                out.put(String.valueOf(e.getKey()), deepCopy(e.getValue()));
            }
            return out;
        }
        if (v instanceof Collection<?> c) {
            List<Object> out = new ArrayList<>(c.size());
            for (Object item : c) {
                out.add(deepCopy(item));
            }
            return out;
        }
        return v;
    }

    // ---------------------------------------------------------------- wire form

    /** Canonical → wire: BigDecimal → plain string (normalised), Instant → canonical timestamp, containers copied. */
    public static Object toWire(Object v) {
        if (v == null || v instanceof String || v instanceof Boolean || v instanceof Long) {
            return v;
        }
        if (v instanceof BigDecimal d) {
            return normalize(d).toPlainString();
        }
        if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                out.put(String.valueOf(e.getKey()), toWire(e.getValue()));
            }
            return out;
        }
        if (v instanceof Collection<?> c) {
            List<Object> out = new ArrayList<>(c.size());
            for (Object item : c) {
                out.add(toWire(item));
            }
            return out;
        }
        if (v instanceof Instant i) {
            return Timestamps.format(i);
        }
        return v;
    }

    public static String kindName(ValueKind kind) {
        return kind.name().toLowerCase(java.util.Locale.ROOT);
    }
}
