package io.operadb.api.entity;

import java.time.Instant;
import java.util.Map;

/**
 * The one event type of every schema-driven entity: what happened ({@code type} is {@code schema.action}),
 * to which entity, by whom, under which schema version, and the validated parameters in wire form
 * (decimals as strings, timestamps as ISO-8601 strings). {@code version} is the entity's version after it.
 */
public record EntityEvent(String eventId, String account, String schema, int schemaVersion, String entityId,
                          String action, String type, long version, String actor, Instant timestamp,
                          Map<String, Object> data, String idempotencyKey) {
}
