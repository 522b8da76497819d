package io.operadb.api.entity;

import java.time.Instant;

/** What a successful command returns to the client. */
public record Receipt(String account, String schema, String id, String action, String eventType, long version,
                      String eventId, Instant timestamp) {

    public static Receipt of(EntityEvent event) {
        return new Receipt(event.account(), event.schema(), event.entityId(), event.action(), event.type(),
                event.version(), event.eventId(), event.timestamp());
    }
}
