package io.operadb.api.schema.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.operadb.api.naming.Names;
import io.operadb.api.schema.ValueKind;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Parses field specs ({@code {"type": "string", "maxLength": 200}}) strictly, collecting every error. */
public final class FieldSpecParser {

    /** Field and parameter names: usable in CEL ({@code state.name}) and as MongoDB keys. */
    public static final Pattern FIELD_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");

    private static final Set<String> COMMON = Set.of("type", "required", "description", "label", "format", "unique");
    private static final Set<ValueKind> UNIQUE_KINDS = Set.of(ValueKind.STRING, ValueKind.INTEGER, ValueKind.DECIMAL,
            ValueKind.ACTOR, ValueKind.REF, ValueKind.TIMESTAMP);
    private static final Map<ValueKind, Set<String>> EXTRA = Map.of(
            ValueKind.STRING, Set.of("minLength", "maxLength", "pattern", "enum"),
            ValueKind.INTEGER, Set.of("min", "max", "enum"),
            ValueKind.DECIMAL, Set.of("min", "max", "scale"),
            ValueKind.BOOLEAN, Set.of(),
            ValueKind.TIMESTAMP, Set.of(),
            ValueKind.ACTOR, Set.of(),
            ValueKind.REF, Set.of("schema"),
            ValueKind.OBJECT, Set.of("fields"),
            ValueKind.ARRAY, Set.of("items", "minItems", "maxItems"),
            ValueKind.MAP, Set.of("values"));

    private static final int MAX_DEPTH = 32;

    private FieldSpecParser() {
    }

    /** Parses an object of named field specs ({@code fields}, {@code params}); null node = empty. */
    public static Map<String, FieldSpec> parseFields(JsonNode node, String path, Errors errors) {
        return parseFields(node, path, errors, 0);
    }

    private static Map<String, FieldSpec> parseFields(JsonNode node, String path, Errors errors, int depth) {
        Map<String, FieldSpec> out = new LinkedHashMap<>();
        if (node == null || node.isNull() || node.isMissingNode()) {
            return out;
        }
        if (!node.isObject()) {
            errors.add(path, "must be an object of field specs");
            return out;
        }
        Iterator<Map.Entry<String, JsonNode>> it = node.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String p = Errors.child(path, e.getKey());
            if (!FIELD_NAME.matcher(e.getKey()).matches()) {
                errors.add(p, "invalid name (letters, digits and '_', starting with a letter or '_', at most 64)");
                continue;
            }
            FieldSpec spec = parse(e.getValue(), p, errors, depth);
            if (spec != null) {
                out.put(e.getKey(), spec);
            }
        }
        return out;
    }

    public static FieldSpec parse(JsonNode node, String path, Errors errors) {
        return parse(node, path, errors, 0);
    }

    private static FieldSpec parse(JsonNode node, String path, Errors errors, int depth) {
        if (depth > MAX_DEPTH) {
            errors.add(path, "nested too deeply (at most " + MAX_DEPTH + " levels)");
            return null;
        }
        if (node == null || !node.isObject()) {
            errors.add(path, "must be a field spec object such as {\"type\": \"string\"}");
            return null;
        }
        JsonNode typeNode = node.get("type");
        if (typeNode == null || typeNode.isNull()) {
            errors.add(path + ".type", "is required");
            return null;
        }
        if (!typeNode.isTextual()) {
            errors.add(path + ".type", "must be a string");
            return null;
        }
        ValueKind kind = kindOf(typeNode.asText());
        if (kind == null) {
            errors.add(path + ".type", "unknown type '" + typeNode.asText()
                    + "' (expected one of string, integer, decimal, boolean, timestamp, actor, ref, object, array, map)");
            return null;
        }
        int before = errors.size();
        FieldSpec spec = new FieldSpec();
        spec.kind = kind;
        Set<String> allowed = EXTRA.get(kind);
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String key = names.next();
            if (!COMMON.contains(key) && !allowed.contains(key)) {
                errors.add(path + "." + key, "unknown key for a field of type " + typeNode.asText()
                        + (allowed.isEmpty() ? "" : " (allowed: " + String.join(", ", new java.util.TreeSet<>(allowed)) + ")"));
            }
        }
        JsonNode required = node.get("required");
        if (required != null && !required.isNull()) {
            if (!required.isBoolean()) {
                errors.add(path + ".required", "must be a boolean");
            } else {
                spec.required = required.booleanValue();
            }
        }
        JsonNode unique = node.get("unique");
        if (unique != null && !unique.isNull()) {
            if (!unique.isBoolean()) {
                errors.add(path + ".unique", "must be a boolean");
            } else if (unique.booleanValue() && !UNIQUE_KINDS.contains(kind)) {
                errors.add(path + ".unique", "only string, integer, decimal, actor, ref and timestamp fields can be unique");
            } else {
                spec.unique = unique.booleanValue();
            }
        }
        spec.description = optText(node, "description", path, errors);
        spec.label = optText(node, "label", path, errors);
        JsonNode format = node.get("format");
        if (format != null && !format.isNull()) {
            spec.format = format.deepCopy();
        }
        switch (kind) {
            case STRING -> {
                spec.minLength = optNonNegInt(node, "minLength", path, errors);
                spec.maxLength = optNonNegInt(node, "maxLength", path, errors);
                if (spec.minLength != null && spec.maxLength != null && spec.minLength > spec.maxLength) {
                    errors.add(path + ".maxLength", "must be >= minLength");
                }
                String pattern = optText(node, "pattern", path, errors);
                if (pattern != null) {
                    try {
                        spec.pattern = Pattern.compile(pattern);
                    } catch (PatternSyntaxException e) {
                        errors.add(path + ".pattern", "not a valid regular expression: "
                                + e.getDescription() + " near index " + e.getIndex());
                    }
                }
                JsonNode en = node.get("enum");
                if (en != null && !en.isNull()) {
                    if (!en.isArray() || en.isEmpty()) {
                        errors.add(path + ".enum", "must be a non-empty array of strings");
                    } else {
                        List<String> values = new ArrayList<>();
                        for (int i = 0; i < en.size(); i++) {
                            if (!en.get(i).isTextual()) {
                                errors.add(path + ".enum[" + i + "]", "must be a string");
                            } else {
                                values.add(en.get(i).asText());
                            }
                        }
                        spec.enumStrings = List.copyOf(new LinkedHashSet<>(values));
                    }
                }
            }
            case INTEGER -> {
                spec.minInt = optLong(node, "min", path, errors);
                spec.maxInt = optLong(node, "max", path, errors);
                if (spec.minInt != null && spec.maxInt != null && spec.minInt > spec.maxInt) {
                    errors.add(path + ".max", "must be >= min");
                }
                JsonNode en = node.get("enum");
                if (en != null && !en.isNull()) {
                    if (!en.isArray() || en.isEmpty()) {
                        errors.add(path + ".enum", "must be a non-empty array of integers");
                    } else {
                        List<Long> values = new ArrayList<>();
                        for (int i = 0; i < en.size(); i++) {
                            JsonNode v = en.get(i);
                            if (!v.isIntegralNumber() || !v.canConvertToLong()) {
                                errors.add(path + ".enum[" + i + "]", "must be an integer");
                            } else {
                                values.add(v.longValue());
                            }
                        }
                        spec.enumLongs = List.copyOf(new LinkedHashSet<>(values));
                    }
                }
            }
            case DECIMAL -> {
                spec.minDec = optDecimal(node, "min", path, errors);
                spec.maxDec = optDecimal(node, "max", path, errors);
                if (spec.minDec != null && spec.maxDec != null && spec.minDec.compareTo(spec.maxDec) > 0) {
                    errors.add(path + ".max", "must be >= min");
                }
                spec.scale = optNonNegInt(node, "scale", path, errors);
            }
            case REF -> {
                JsonNode schema = node.get("schema");
                if (schema == null || schema.isNull()) {
                    errors.add(path + ".schema", "is required for a ref");
                } else if (!schema.isTextual() || !Names.isSchema(schema.asText())) {
                    errors.add(path + ".schema", "must be a schema id matching " + Names.SCHEMA.pattern());
                } else {
                    spec.refSchema = schema.asText();
                }
            }
            case OBJECT -> {
                JsonNode fields = node.get("fields");
                if (fields == null || fields.isNull()) {
                    // no declared fields: a free-form JSON object (e.g. a contract's terms)
                    spec.open = true;
                } else {
                    spec.fields = java.util.Collections.unmodifiableMap(
                            parseFields(fields, path + ".fields", errors, depth + 1));
                }
            }
            case ARRAY -> {
                JsonNode items = node.get("items");
                if (items == null || items.isNull()) {
                    errors.add(path + ".items", "is required for an array");
                } else {
                    spec.element = parse(items, path + ".items", errors, depth + 1);
                }
                spec.minItems = optNonNegInt(node, "minItems", path, errors);
                spec.maxItems = optNonNegInt(node, "maxItems", path, errors);
                if (spec.minItems != null && spec.maxItems != null && spec.minItems > spec.maxItems) {
                    errors.add(path + ".maxItems", "must be >= minItems");
                }
            }
            case MAP -> {
                JsonNode values = node.get("values");
                if (values == null || values.isNull()) {
                    errors.add(path + ".values", "is required for a map");
                } else {
                    spec.element = parse(values, path + ".values", errors, depth + 1);
                }
            }
            default -> {
            }
        }
        return errors.size() == before ? spec : null;
    }

    public static ValueKind kindOf(String type) {
        if (type == null || !type.equals(type.toLowerCase(Locale.ROOT))) {
            return null;
        }
        try {
            return ValueKind.valueOf(type.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String optText(JsonNode node, String key, String path, Errors errors) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            errors.add(path + "." + key, "must be a string");
            return null;
        }
        return v.asText();
    }

    private static Integer optNonNegInt(JsonNode node, String key, String path, Errors errors) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt() || v.intValue() < 0) {
            errors.add(path + "." + key, "must be a non-negative integer");
            return null;
        }
        return v.intValue();
    }

    private static Long optLong(JsonNode node, String key, String path, Errors errors) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            errors.add(path + "." + key, "must be an integer");
            return null;
        }
        return v.longValue();
    }

    private static BigDecimal optDecimal(JsonNode node, String key, String path, Errors errors) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            return null;
        }
        BigDecimal d = Values.decimalFromJson(v);
        if (d == null) {
            errors.add(path + "." + key, "must be a decimal number (a JSON number or a string such as \"0.01\")");
        }
        return d;
    }
}
