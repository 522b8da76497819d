package io.operadb.query.readmodel;

import io.operadb.api.problem.FieldError;
import io.operadb.api.problem.OperaDbException;
import io.operadb.api.problem.ProblemKind;
import org.bson.BSONException;
import org.bson.Document;
import org.bson.json.JsonParseException;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;

/**
 * Keyset pagination over one sort field with {@code _id} as tie-breaker: a page never skips or repeats an item
 * however the collection changes between pages, and costs the same on page one and page one thousand.
 * The cursor is opaque to clients (base64url of the last item's sort key, in MongoDB extended JSON so that
 * the value keeps its BSON type).
 */
public final class KeysetPager {

    private KeysetPager() {
    }

    public static Page<Document> page(MongoTemplate mongo, String collection, Criteria filter, String sortField,
                                      boolean descending, String after, int limit) {
        List<Criteria> all = new ArrayList<>();
        all.add(filter);
        if (after != null && !after.isBlank()) {
            all.add(afterCursor(decode(after), sortField, descending));
        }
        Sort.Direction direction = descending ? Sort.Direction.DESC : Sort.Direction.ASC;
        Sort sort = "_id".equals(sortField) ? Sort.by(direction, "_id")
                : Sort.by(direction, sortField).and(Sort.by(direction, "_id"));
        Query query = new Query(new Criteria().andOperator(all.toArray(Criteria[]::new)))
                .with(sort).limit(limit + 1);
        List<Document> found = mongo.find(query, Document.class, collection);
        if (found.size() <= limit) {
            return new Page<>(found, null);
        }
        List<Document> items = found.subList(0, limit);
        Document last = items.get(limit - 1);
        return new Page<>(List.copyOf(items), encode(valueAt(last, sortField), last.get("_id")));
    }

    private static Criteria afterCursor(Document cursor, String sortField, boolean descending) {
        Object lastId = cursor.get("id");
        Object lastValue = cursor.get("v");
        Criteria idBeyond = descending ? Criteria.where("_id").lt(lastId) : Criteria.where("_id").gt(lastId);
        if ("_id".equals(sortField)) {
            return idBeyond;
        }
        Criteria sameValue = new Criteria().andOperator(Criteria.where(sortField).is(lastValue), idBeyond);
        if (lastValue == null) {
            // missing values sort first ascending and last descending
            return descending ? sameValue
                    : new Criteria().orOperator(sameValue, Criteria.where(sortField).ne(null));
        }
        Criteria valueBeyond = descending ? Criteria.where(sortField).lt(lastValue)
                : Criteria.where(sortField).gt(lastValue);
        if (descending) {
            return new Criteria().orOperator(valueBeyond, sameValue, Criteria.where(sortField).is(null));
        }
        return new Criteria().orOperator(valueBeyond, sameValue);
    }

    private static Object valueAt(Document document, String dottedPath) {
        Object current = document;
        for (String part : dottedPath.split("\\.")) {
            if (!(current instanceof Document d)) {
                return null;
            }
            current = d.get(part);
        }
        return current;
    }

    private static String encode(Object value, Object id) {
        String json = new Document("v", value).append("id", id).toJson();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The sort-key values this pager hands out: null, text, numbers, booleans and dates. Anything else (a document, an
     * array, a regular expression, code, min/max keys...) would act as an operator or a pattern in the query.
     */
    private static boolean isPlainValue(Object value) {
        return value == null || value instanceof String || value instanceof Integer || value instanceof Long
                || value instanceof Double || value instanceof Decimal128 || value instanceof Boolean
                || value instanceof Date;
    }

    private static Document decode(String cursor) {
        try {
            String json = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            Document document = Document.parse(json);
            // a cursor is client input: only a plain id and a scalar value may reach a query, never an operator
            if (!(document.get("id") instanceof String || document.get("id") instanceof ObjectId)
                    || !isPlainValue(document.get("v"))) {
                throw new IllegalArgumentException("not a cursor of ours");
            }
            return document;
        } catch (IllegalArgumentException | JsonParseException | BSONException e) {
            throw new OperaDbException(ProblemKind.INVALID_INPUT, "the cursor is not one this API gave out",
                    List.of(new FieldError("query.after", "not a valid cursor")));
        }
    }
}
