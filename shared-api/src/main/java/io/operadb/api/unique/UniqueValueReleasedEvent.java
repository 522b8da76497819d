package io.operadb.api.unique;

import java.time.Instant;

/** The entity holding a unique value gave it up (its field changed or was removed): others may claim it again. */
public record UniqueValueReleasedEvent(String account, String schema, String field, String value, String entityId,
                                       Instant timestamp) {
}
