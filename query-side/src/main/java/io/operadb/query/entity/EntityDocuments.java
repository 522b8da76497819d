package io.operadb.query.entity;

import io.operadb.api.entity.EntityEvent;
import io.operadb.api.entity.WireValues;
import io.operadb.query.readmodel.BsonValues;
import org.bson.Document;

import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;

/** Read-model documents in the shapes the contract serves. */
final class EntityDocuments {

    private EntityDocuments() {
    }

    static Map<String, Object> entity(Document d) {
        return entity(d.getString("account"), d.getString("schema"), d.getString("id"),
                d.get("schemaVersion", Number.class).intValue(), d.get("version", Number.class).longValue(),
                BsonValues.toCanonicalMap(d.get("state")), instant(d.get("createdAt")), d.getString("createdBy"),
                instant(d.get("updatedAt")), d.getString("updatedBy"));
    }

    static Map<String, Object> entity(String account, String schema, String id, int schemaVersion, long version,
                                      Map<String, Object> state, Instant createdAt, String createdBy,
                                      Instant updatedAt, String updatedBy) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("account", account);
        body.put("schema", schema);
        body.put("id", id);
        body.put("schemaVersion", schemaVersion);
        body.put("version", version);
        body.put("state", WireValues.toWire(state));
        body.put("createdAt", createdAt);
        body.put("createdBy", createdBy);
        body.put("updatedAt", updatedAt);
        body.put("updatedBy", updatedBy);
        return body;
    }

    static Map<String, Object> event(Document d) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("eventId", eventId(d));
        body.put("account", d.getString("account"));
        body.put("schema", d.getString("schema"));
        body.put("schemaVersion", d.get("schemaVersion", Number.class).intValue());
        body.put("id", d.getString("id"));
        body.put("action", d.getString("action"));
        body.put("type", d.getString("type"));
        body.put("version", d.get("version", Number.class).longValue());
        body.put("actor", d.getString("actor"));
        body.put("timestamp", instant(d.get("timestamp")));
        body.put("data", WireValues.toWire(BsonValues.toCanonicalMap(d.get("data"))));
        return body;
    }

    /** The stored event as the reducer takes it, for rebuilding a past state. */
    static EntityEvent toEvent(Document d) {
        return new EntityEvent(eventId(d), d.getString("account"), d.getString("schema"),
                d.get("schemaVersion", Number.class).intValue(), d.getString("id"), d.getString("action"),
                d.getString("type"), d.get("version", Number.class).longValue(), d.getString("actor"),
                instant(d.get("timestamp")), BsonValues.toCanonicalMap(d.get("data")), d.getString("idempotencyKey"));
    }

    /** The stored event's id: its own field; feeds written before it existed kept it as the document's {@code _id}. */
    static String eventId(Document d) {
        String eventId = d.getString("eventId");
        return eventId != null ? eventId : String.valueOf(d.get("_id"));
    }

    static Instant instant(Object value) {
        return value instanceof Date date ? date.toInstant() : null;
    }
}
