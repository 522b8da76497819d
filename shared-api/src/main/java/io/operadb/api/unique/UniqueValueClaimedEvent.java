package io.operadb.api.unique;

import java.time.Instant;

/**
 * A value of a unique field was claimed by an entity: no other entity of the schema in the account may hold it
 * until it is released. {@code value} is the field's value in wire form. Appended to the reservation's own stream
 * ({@link io.operadb.api.naming.AggregateIds#unique}) in the same unit of work as the entity's event.
 */
public record UniqueValueClaimedEvent(String account, String schema, String field, String value, String entityId,
                                      Instant timestamp) {
}
