package io.operadb.query.entity;

import io.operadb.api.problem.FieldError;
import io.operadb.api.schema.CompiledSchema;
import io.operadb.api.schema.FieldType;
import io.operadb.api.schema.Timestamps;
import io.operadb.api.schema.ValueKind;
import org.bson.types.Decimal128;
import org.springframework.data.mongodb.core.query.Criteria;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Translates the list query's safe filter syntax into MongoDB criteria: {@code state.owner=0xab..},
 * {@code state.qty[gte]=5}, {@code createdBy=user:alice}. Field paths must exist in the schema and values are
 * parsed by the field's declared type, so nothing a client writes is ever read as a MongoDB operator.
 */
public final class EntityFilters {

    private static final Pattern PARAM = Pattern.compile("([A-Za-z][A-Za-z0-9_.:@+-]*)(?:\\[([a-z]+)])?");
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_:@+-]+");
    private static final Set<String> OPERATORS = Set.of("eq", "ne", "gt", "gte", "lt", "lte", "in", "nin", "exists",
            "prefix");
    private static final Set<String> META_TEXT = Set.of("id", "createdBy", "updatedBy");
    private static final Set<String> META_TIME = Set.of("createdAt", "updatedAt");
    private static final Set<String> META_NUMBER = Set.of("version", "schemaVersion");

    private EntityFilters() {
    }

    /** A sort field (state path or metadata) as stored, or an error. */
    public static Optional<String> sortField(CompiledSchema schema, String field) {
        if (META_TEXT.contains(field) || META_TIME.contains(field) || META_NUMBER.contains(field)) {
            return Optional.of("id".equals(field) ? "_id" : field);
        }
        if (field.startsWith("state.") && stateType(schema, field.substring(6)).isPresent()) {
            return Optional.of(field);
        }
        return Optional.empty();
    }

    public static List<Criteria> parse(CompiledSchema schema, Map<String, List<String>> params,
                                       List<FieldError> errors) {
        List<Criteria> criteria = new ArrayList<>();
        params.forEach((name, values) -> {
            Matcher m = PARAM.matcher(name);
            if (!m.matches()) {
                errors.add(new FieldError("query." + name, "not a filter: use state.<field>[op]=value"));
                return;
            }
            String field = m.group(1);
            String op = m.group(2) == null ? "eq" : m.group(2);
            if (!OPERATORS.contains(op)) {
                errors.add(new FieldError("query." + name, "unknown operator; use one of " + OPERATORS));
                return;
            }
            for (String value : values) {
                criterion(schema, field, op, value, "query." + name, errors).ifPresent(criteria::add);
            }
        });
        return criteria;
    }

    private static Optional<Criteria> criterion(CompiledSchema schema, String field, String op, String raw,
                                                String path, List<FieldError> errors) {
        ValueKind kind;
        String stored;
        if (field.startsWith("state.")) {
            String statePath = field.substring(6);
            Optional<FieldType> type = Arrays.stream(statePath.split("\\.", -1)).allMatch(s -> SEGMENT.matcher(s)
                    .matches()) ? stateType(schema, statePath) : Optional.empty();
            if (type.isEmpty()) {
                errors.add(new FieldError(path, "schema " + schema.schemaId() + " has no field " + statePath));
                return Optional.empty();
            }
            kind = type.get().kind();
            stored = field;
        } else if (META_TEXT.contains(field)) {
            // createdBy and updatedBy are actor ids: wallet addresses compare case-insensitively (stored lower case)
            kind = "id".equals(field) ? ValueKind.STRING : ValueKind.ACTOR;
            stored = field;
        } else if (META_TIME.contains(field)) {
            kind = ValueKind.TIMESTAMP;
            stored = field;
        } else if (META_NUMBER.contains(field)) {
            kind = ValueKind.INTEGER;
            stored = field;
        } else {
            errors.add(new FieldError(path, "unknown filter; filter on state.<field> or " + META_TEXT));
            return Optional.empty();
        }
        try {
            return Optional.of(build(stored, op, raw, kind, META_TIME.contains(field)));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            errors.add(new FieldError(path, "not a valid " + kind.name().toLowerCase() + ": " + raw));
            return Optional.empty();
        }
    }

    private static Criteria build(String field, String op, String raw, ValueKind kind, boolean storedAsDate) {
        Criteria where = Criteria.where(field);
        return switch (op) {
            case "eq" -> where.is(typed(raw, kind, storedAsDate));
            case "ne" -> where.ne(typed(raw, kind, storedAsDate));
            case "gt" -> where.gt(typed(raw, kind, storedAsDate));
            case "gte" -> where.gte(typed(raw, kind, storedAsDate));
            case "lt" -> where.lt(typed(raw, kind, storedAsDate));
            case "lte" -> where.lte(typed(raw, kind, storedAsDate));
            case "in" -> where.in(list(raw, kind, storedAsDate));
            case "nin" -> where.nin(list(raw, kind, storedAsDate));
            case "exists" -> where.exists(bool(raw));
            case "prefix" -> where.regex("^" + Pattern.quote(raw));
            default -> throw new IllegalArgumentException(op);
        };
    }

    private static List<Object> list(String raw, ValueKind kind, boolean storedAsDate) {
        return Arrays.stream(raw.split(",")).map(v -> typed(v, kind, storedAsDate)).toList();
    }

    static Object typed(String raw, ValueKind kind, boolean storedAsDate) {
        return switch (kind) {
            case INTEGER -> Long.parseLong(raw);
            case DECIMAL -> new Decimal128(new BigDecimal(raw));
            case BOOLEAN -> bool(raw);
            case TIMESTAMP -> timestamp(raw, storedAsDate);
            case ACTOR -> io.operadb.api.actor.ActorIds.normalize(raw);
            default -> raw;
        };
    }

    /** Metadata times are BSON dates; timestamp fields are canonical strings, which sort chronologically. */
    private static Object timestamp(String raw, boolean storedAsDate) {
        Instant instant = Timestamps.parse(raw);
        if (instant == null) {
            throw new IllegalArgumentException("not an ISO-8601 timestamp");
        }
        return storedAsDate ? Date.from(instant) : Timestamps.format(instant);
    }

    private static boolean bool(String raw) {
        if ("true".equals(raw) || "false".equals(raw)) {
            return Boolean.parseBoolean(raw);
        }
        throw new IllegalArgumentException("not a boolean");
    }

    private static Optional<FieldType> stateType(CompiledSchema schema, String statePath) {
        return schema.fieldAt(statePath);
    }
}
