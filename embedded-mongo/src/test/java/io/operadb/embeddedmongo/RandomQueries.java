package io.operadb.embeddedmongo;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.bson.Document;
import org.bson.conversions.Bson;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;

/** Queries for property tests: equality, ranges, $in, compound prefixes, sorts and limits. */
final class RandomQueries {

    private static final String[] FIELDS = {"a", "b", "c", "s", "d.e", "_id"};
    private static final String[] SORTABLE = {"a", "b", "s", "d.e", "_id"};

    private RandomQueries() {
    }

    record Query(Bson filter, Bson sort, int limit) {
        @Override
        public String toString() {
            return "find(" + filter.toBsonDocument() + ")" + (sort == null ? "" : ".sort(" + sort.toBsonDocument() + ")")
                + (limit == 0 ? "" : ".limit(" + limit + ")");
        }
    }

    static Query query(Random random) {
        Bson filter = switch (random.nextInt(5)) {
            case 0 -> Filters.and(condition(random, "a"), condition(random, "b"));
            case 1 -> Filters.and(Filters.eq("b", RandomDocuments.scalar(random)), condition(random, "s"));
            case 2 -> new Document();
            default -> condition(random, FIELDS[random.nextInt(FIELDS.length)]);
        };
        Bson sort = switch (random.nextInt(6)) {
            case 0, 1 -> null;
            case 2 -> Sorts.ascending(SORTABLE[random.nextInt(SORTABLE.length)]);
            case 3 -> Sorts.descending(SORTABLE[random.nextInt(SORTABLE.length)]);
            case 4 -> Sorts.orderBy(Sorts.ascending("a"), Sorts.descending("b"));
            default -> Sorts.orderBy(Sorts.descending("a"), Sorts.ascending("b"));
        };
        int limit = random.nextInt(3) == 0 ? 1 + random.nextInt(8) : 0;
        return new Query(filter, sort, limit);
    }

    private static Bson condition(Random random, String field) {
        Object value = field.equals("_id") ? (Object) random.nextInt(130) : RandomDocuments.scalar(random);
        Object other = field.equals("_id") ? (Object) random.nextInt(130) : RandomDocuments.scalar(random);
        return switch (random.nextInt(8)) {
            case 0 -> Filters.gt(field, nonNull(value, random));
            case 1 -> Filters.gte(field, nonNull(value, random));
            case 2 -> Filters.lt(field, nonNull(value, random));
            case 3 -> Filters.lte(field, nonNull(value, random));
            case 4 -> Filters.and(Filters.gte(field, nonNull(value, random)), Filters.lt(field, nonNull(other, random)));
            case 5 -> Filters.in(field, inList(random, field));
            default -> Filters.eq(field, value);
        };
    }

    private static Object nonNull(Object value, Random random) {
        return value != null ? value : random.nextInt(6);
    }

    private static List<Object> inList(Random random, String field) {
        List<Object> values = new ArrayList<>();
        int size = random.nextInt(4);
        for (int i = 0; i < size; i++) {
            values.add(field.equals("_id") ? random.nextInt(130) : RandomDocuments.scalar(random));
        }
        return values;
    }
}
