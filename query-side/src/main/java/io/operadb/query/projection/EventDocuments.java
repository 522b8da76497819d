package io.operadb.query.projection;

import io.operadb.api.entity.EntityEvent;
import io.operadb.query.readmodel.BsonValues;
import org.bson.Document;

import java.util.Date;

/** An entity event as the event feed stores it (the shape the contract serves). */
public final class EventDocuments {

    private EventDocuments() {
    }

    public static Document of(EntityEvent event) {
        return new Document("_id", event.eventId())
                .append("account", event.account())
                .append("schema", event.schema())
                .append("schemaVersion", event.schemaVersion())
                .append("id", event.entityId())
                .append("action", event.action())
                .append("type", event.type())
                .append("version", event.version())
                .append("actor", event.actor())
                .append("timestamp", Date.from(event.timestamp()))
                .append("data", BsonValues.toDocument(event.data()))
                .append("idempotencyKey", event.idempotencyKey());
    }
}
