package io.operadb.embeddedmongo;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import de.bwaldvogel.mongo.bson.Document;

/**
 * Chooses the ordered index (if any) that answers a query with the least reading: equality or
 * {@code $in} on a prefix of the index's fields, then optionally a range on the next field, and,
 * when the walk yields the requested sort order, no sorting at all. A sort that matches an index
 * but no condition does is answered by walking that whole index in order.
 */
final class QueryPlanner {

    /** Beyond this many key ranges (a product of $in lists), stop extending the equality prefix. */
    private static final int MAX_RANGES = 10_000;

    private QueryPlanner() {
    }

    static QueryPlan plan(Document query, Document orderBy, List<OrderedIndex> indexes) {
        SortSpec sort = SortSpec.of(orderBy);
        if (sort.isNatural()) {
            return QueryPlan.collectionScan();
        }
        Map<String, FieldConditions.Condition> conditions = FieldConditions.of(query);
        Candidate best = null;
        for (OrderedIndex index : indexes) {
            Candidate candidate = Candidate.evaluate(index, conditions, sort);
            if (candidate != null && (best == null || candidate.score() > best.score())) {
                best = candidate;
            }
        }
        return best == null ? QueryPlan.collectionScan() : best.plan();
    }

    /** One index's best use for a query. */
    private record Candidate(QueryPlan plan, int score) {

        static Candidate evaluate(OrderedIndex index, Map<String, FieldConditions.Condition> conditions, SortSpec sort) {
            List<String> fields = index.fieldPaths();
            List<List<byte[]>> prefixPoints = new ArrayList<>();
            long combinations = 1;
            boolean excludesNull = false;
            while (prefixPoints.size() < fields.size() && combinations > 0) {
                int field = prefixPoints.size();
                FieldConditions.Condition condition = conditions.get(fields.get(field));
                if (condition == null || !condition.hasPoints()) {
                    break;
                }
                List<byte[]> points = encodedPoints(index, field, condition.points());
                if (combinations * points.size() > MAX_RANGES) {
                    break;
                }
                combinations *= points.size();
                excludesNull |= condition.pointsExcludeNull();
                prefixPoints.add(points);
            }
            int equalityFields = prefixPoints.size();
            byte[][] interval = null;
            if (equalityFields < fields.size() && combinations > 0) {
                FieldConditions.Condition condition = conditions.get(fields.get(equalityFields));
                if (condition != null && condition.hasBounds()) {
                    interval = encodedInterval(index, equalityFields, condition);
                    excludesNull = true;
                }
            }
            boolean constrained = equalityFields > 0 || interval != null;
            if (!constrained && !(sort.isPresent() && !index.sparse())) {
                return null;
            }
            if (index.sparse() && !excludesNull) {
                return null; // a sparse index lacks the documents without the fields, which such a query may match
            }
            List<KeyRange> ranges = ranges(prefixPoints, interval);
            Boolean reverse = sort.walkDirection(index, prefixPoints, ranges.size());
            if (!constrained && reverse == null) {
                return null; // neither filters nor sorts: a collection scan reads less
            }
            boolean ordered = reverse != null;
            QueryPlan plan = new QueryPlan(index, ranges, ordered && reverse, ordered && sort.isPresent());
            int score = (equalityFields * 2 + (interval != null ? 1 : 0)) * 4
                + (ordered && sort.isPresent() ? 2 : 0)
                + (index.isUnique() && equalityFields == fields.size() ? 1 : 0);
            return new Candidate(plan, score);
        }

        private static List<byte[]> encodedPoints(OrderedIndex index, int field, List<Object> values) {
            Set<byte[]> distinct = new TreeSet<>(KeyBytes::compare);
            for (Object value : values) {
                KeyBytes bytes = new KeyBytes();
                index.encodeField(field, value, bytes);
                distinct.add(bytes.toArray());
            }
            return new ArrayList<>(distinct);
        }

        /**
         * The bounds as [low, high] key prefixes of the field, both inclusive. A missing bound is the
         * edge of the other bound's type, because the server compares values only within a type.
         * A multikey index gets only one bound: with arrays, "some element above the lower bound and
         * some element below the upper one" does not mean one element is between them.
         */
        private static byte[][] encodedInterval(OrderedIndex index, int field, FieldConditions.Condition condition) {
            Object lower = condition.lower();
            Object upper = condition.upper();
            if (lower != null && upper != null
                && (index.isMultikey() || SortableValueEncoder.typeTag(lower) != SortableValueEncoder.typeTag(upper))) {
                upper = null;
            }
            byte[] low = lower != null ? ascending(lower) : typeOnly(upper);
            byte[] high = upper != null ? ascending(upper) : typeOnly(lower);
            if (index.isAscending(field)) {
                return new byte[][] {low, high};
            }
            return new byte[][] {KeyBytes.inverted(high), KeyBytes.inverted(low)};
        }

        private static byte[] ascending(Object value) {
            KeyBytes bytes = new KeyBytes();
            SortableValueEncoder.encode(value, bytes);
            return bytes.toArray();
        }

        private static byte[] typeOnly(Object value) {
            return new byte[] {(byte) SortableValueEncoder.typeTag(value)};
        }

        private static List<KeyRange> ranges(List<List<byte[]>> prefixPoints, byte[][] interval) {
            List<byte[]> prefixes = List.of(new byte[0]);
            for (List<byte[]> points : prefixPoints) {
                List<byte[]> longer = new ArrayList<>(prefixes.size() * points.size());
                for (byte[] prefix : prefixes) {
                    for (byte[] point : points) {
                        longer.add(KeyBytes.concat(prefix, point));
                    }
                }
                prefixes = longer;
            }
            List<KeyRange> ranges = new ArrayList<>(prefixes.size());
            for (byte[] prefix : prefixes) {
                if (interval != null) {
                    ranges.add(KeyRange.betweenPrefixes(KeyBytes.concat(prefix, interval[0]), KeyBytes.concat(prefix, interval[1])));
                } else if (prefix.length == 0) {
                    ranges.add(new KeyRange(OrderedIndex.FIRST_ENTRY, null));
                } else {
                    ranges.add(KeyRange.withPrefix(prefix));
                }
            }
            ranges.sort(Comparator.comparing(KeyRange::low, KeyBytes::compare));
            return ranges;
        }
    }

    /** The requested sort, as field paths and directions. */
    private record SortSpec(List<String> paths, List<Boolean> ascending, boolean isNatural, boolean indexable) {

        static SortSpec of(Document orderBy) {
            List<String> paths = new ArrayList<>();
            List<Boolean> ascending = new ArrayList<>();
            boolean indexable = true;
            if (orderBy != null) {
                for (Map.Entry<String, Object> entry : orderBy.entrySet()) {
                    if (entry.getKey().equals("$natural")) {
                        return new SortSpec(List.of(), List.of(), true, false);
                    }
                    if (!(entry.getValue() instanceof Number direction)) {
                        indexable = false; // e.g. {$meta: "textScore"}
                        continue;
                    }
                    paths.add(entry.getKey());
                    ascending.add(direction.doubleValue() > 0);
                }
            }
            return new SortSpec(paths, ascending, false, indexable);
        }

        boolean isPresent() {
            return !paths.isEmpty() || !indexable;
        }

        /**
         * Whether walking {@code ranges} of the index yields this sort order: forwards
         * ({@code false}), backwards ({@code true}) or not at all ({@code null}). With no sort
         * requested any walk will do (forwards).
         */
        Boolean walkDirection(OrderedIndex index, List<List<byte[]>> prefixPoints, int rangeCount) {
            if (!isPresent()) {
                return Boolean.FALSE;
            }
            if (!indexable || !index.keepsExactOrder() || rangeCount > 1) {
                return null;
            }
            // fields fixed to one value by equality do not change the order; drop them from the sort
            List<String> indexFields = index.fieldPaths();
            Set<String> fixed = new java.util.HashSet<>(indexFields.subList(0, prefixPoints.size()));
            Boolean reverse = null;
            int next = prefixPoints.size();
            for (int i = 0; i < paths.size(); i++) {
                String path = paths.get(i);
                if (fixed.contains(path)) {
                    continue;
                }
                if (next >= indexFields.size() || !indexFields.get(next).equals(path)) {
                    return null;
                }
                boolean sameDirection = ascending.get(i) == index.isAscending(next);
                if (reverse == null) {
                    reverse = !sameDirection;
                } else if (reverse == sameDirection) {
                    return null; // mixed directions this index does not have
                }
                next++;
            }
            return reverse == null ? Boolean.FALSE : reverse;
        }
    }
}
