package io.operadb.embeddedmongo;

import de.bwaldvogel.mongo.bson.Document;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;

/**
 * Long {@code $in} / {@code $nin} lists of strings on a top-level field, answered with a hash set. The server's matcher
 * walks the list for every document, comparing each pair through its general value normalisation; a tracking
 * processor's {@code eventIdentifier $nin [hundreds of ids]} made that a third of a replay's CPU. A document whose
 * field is not a plain string (missing, null, an array, a number) still goes through the general matcher, so the
 * answers are the server's own.
 */
final class SetConditions {

    /** Shorter lists stay with the general matcher: the set costs more than it saves. */
    static final int MIN_VALUES = 8;

    private final Document residual;
    private final List<SetCondition> conditions;

    private SetConditions(Document residual, List<SetCondition> conditions) {
        this.residual = residual;
        this.conditions = conditions;
    }

    /** The query without the conditions taken out: what the general matcher still has to check. */
    Document residual() {
        return residual;
    }

    boolean isEmpty() {
        return conditions.isEmpty();
    }

    /** Whether the document meets every condition taken out; {@code general} decides the values a set cannot. */
    boolean accepts(Document document, BiPredicate<Document, Document> general) {
        for (SetCondition condition : conditions) {
            Object value = document.get(condition.field());
            boolean holds = value instanceof String text
                    ? condition.values().contains(text) != condition.negated()
                    : general.test(document, condition.clause());
            if (!holds) {
                return false;
            }
        }
        return true;
    }

    static SetConditions of(Document query) {
        List<SetCondition> conditions = new ArrayList<>();
        if (query.size() == 1 && query.get("$and") instanceof List<?> clauses) {
            List<Object> kept = new ArrayList<>();
            for (Object clause : clauses) {
                SetCondition condition = clause instanceof Document d ? single(d) : null;
                if (condition == null) {
                    kept.add(clause);
                } else {
                    conditions.add(condition);
                }
            }
            if (conditions.isEmpty()) {
                return new SetConditions(query, List.of());
            }
            Document residual = kept.isEmpty() ? new Document() : new Document("$and", kept);
            return new SetConditions(residual, conditions);
        }
        Document residual = new Document();
        for (Map.Entry<String, Object> entry : query.entrySet()) {
            SetCondition condition = condition(entry.getKey(), entry.getValue());
            if (condition == null) {
                residual.put(entry.getKey(), entry.getValue());
            } else {
                conditions.add(condition);
            }
        }
        return conditions.isEmpty() ? new SetConditions(query, List.of()) : new SetConditions(residual, conditions);
    }

    private static SetCondition single(Document clause) {
        if (clause.size() != 1) {
            return null;
        }
        Map.Entry<String, Object> only = clause.entrySet().iterator().next();
        return condition(only.getKey(), only.getValue());
    }

    private static SetCondition condition(String field, Object spec) {
        if (field.startsWith("$") || field.contains(".") || !(spec instanceof Document operators)
                || operators.size() != 1) {
            return null;
        }
        String operator = operators.keySet().iterator().next();
        if (!operator.equals("$in") && !operator.equals("$nin")) {
            return null;
        }
        if (!(operators.get(operator) instanceof Collection<?> values) || values.size() < MIN_VALUES) {
            return null;
        }
        Set<String> strings = new HashSet<>();
        for (Object value : values) {
            if (!(value instanceof String text)) {
                return null;
            }
            strings.add(text);
        }
        return new SetCondition(field, Set.copyOf(strings), operator.equals("$nin"),
                new Document(field, new Document(operator, values)));
    }

    private record SetCondition(String field, Set<String> values, boolean negated, Document clause) {
    }
}
