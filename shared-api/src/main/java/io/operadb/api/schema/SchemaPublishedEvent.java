package io.operadb.api.schema;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;

/** A schema version was published; versions are immutable once published. */
public record SchemaPublishedEvent(String account, String schemaId, int version, JsonNode document,
                                   String publishedBy, Instant timestamp) {
}
