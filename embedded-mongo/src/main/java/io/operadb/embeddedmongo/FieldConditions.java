package io.operadb.embeddedmongo;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.bson.BsonRegularExpression;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.MaxKey;
import de.bwaldvogel.mongo.bson.MinKey;

/**
 * The conditions of a query's top level (and of its {@code $and}) on single fields, reduced to what
 * an ordered index can use: equality or {@code $in} values ("points") and range bounds.
 * <p>
 * Everything else ({@code $or}, {@code $ne}, {@code $regex}, array equality, ...) is ignored here.
 * That is safe because an index only proposes candidates: each one is matched against the whole
 * query afterwards, so the conditions used must only never exclude a matching document.
 */
final class FieldConditions {

    /**
     * @param points equality / {@code $in} values, or {@code null} if there is no such condition
     * @param lower  the first {@code $gt}/{@code $gte} bound, or {@code null}; used inclusively
     * @param upper  the first {@code $lt}/{@code $lte} bound, or {@code null}; used inclusively
     */
    record Condition(List<Object> points, Object lower, Object upper) {

        boolean hasPoints() {
            return points != null;
        }

        boolean hasBounds() {
            return lower != null || upper != null;
        }

        boolean pointsExcludeNull() {
            return points.stream().noneMatch(Missing::isNullOrMissing);
        }

        Condition withPoints(List<Object> newPoints) {
            return points != null ? this : new Condition(newPoints, lower, upper);
        }

        Condition withLower(Object bound) {
            return lower != null ? this : new Condition(points, bound, upper);
        }

        Condition withUpper(Object bound) {
            return upper != null ? this : new Condition(points, lower, bound);
        }
    }

    private static final Condition NONE = new Condition(null, null, null);

    private FieldConditions() {
    }

    static Map<String, Condition> of(Document query) {
        Map<String, Condition> conditions = new LinkedHashMap<>();
        collect(query, conditions);
        return conditions;
    }

    private static void collect(Document query, Map<String, Condition> conditions) {
        for (Map.Entry<String, Object> entry : query.entrySet()) {
            String field = entry.getKey();
            Object value = entry.getValue();
            if (field.equals("$and") && value instanceof Collection<?> clauses) {
                for (Object clause : clauses) {
                    if (clause instanceof Document clauseDocument) {
                        collect(clauseDocument, conditions);
                    }
                }
            } else if (!field.startsWith("$")) {
                collectField(field, value, conditions);
            }
        }
    }

    private static void collectField(String field, Object value, Map<String, Condition> conditions) {
        if (isOperatorDocument(value)) {
            for (Map.Entry<String, Object> operator : ((Document) value).entrySet()) {
                Object operand = operator.getValue();
                switch (operator.getKey()) {
                    case "$eq" -> {
                        if (isPoint(operand)) {
                            update(conditions, field, c -> c.withPoints(List.of(operand == null ? Missing.getInstance() : operand)));
                        }
                    }
                    case "$in" -> {
                        if (operand instanceof Collection<?> values && values.stream().allMatch(FieldConditions::isPoint)) {
                            update(conditions, field, c -> c.withPoints(new ArrayList<>(values)));
                        }
                    }
                    case "$gt", "$gte" -> {
                        if (isBound(operand)) {
                            update(conditions, field, c -> c.withLower(operand));
                        }
                    }
                    case "$lt", "$lte" -> {
                        if (isBound(operand)) {
                            update(conditions, field, c -> c.withUpper(operand));
                        }
                    }
                    default -> {
                        // not usable by an index; the matcher still applies it
                    }
                }
            }
        } else if (isPoint(value)) {
            update(conditions, field, c -> c.withPoints(List.of(value == null ? Missing.getInstance() : value)));
        }
    }

    private static void update(Map<String, Condition> conditions, String field,
                               java.util.function.UnaryOperator<Condition> change) {
        conditions.put(field, change.apply(conditions.getOrDefault(field, NONE)));
    }

    private static boolean isOperatorDocument(Object value) {
        return value instanceof Document document && !document.isEmpty()
            && document.keySet().iterator().next().startsWith("$");
    }

    /**
     * Values whose equality an index can answer: not arrays (equal to an array means "is that array or
     * contains it"), not regular expressions (those match, they do not equal).
     */
    private static boolean isPoint(Object value) {
        return !(value instanceof Collection)
            && !(value instanceof BsonRegularExpression)
            && !BsonRegularExpression.isRegularExpression(value)
            && !isOperatorDocument(value);
    }

    /** Range bounds an index can answer: the server compares only values of the bound's own type. */
    private static boolean isBound(Object value) {
        return !Missing.isNullOrMissing(value)
            && !(value instanceof MinKey) && !(value instanceof MaxKey) // these compare with every type
            && !(value instanceof Collection)
            && !(value instanceof BsonRegularExpression)
            && !isOperatorDocument(value);
    }
}
