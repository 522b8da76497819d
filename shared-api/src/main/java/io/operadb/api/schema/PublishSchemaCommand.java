package io.operadb.api.schema;

import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Publishes a new version of a schema in an account (the document was compiled before dispatch). */
public record PublishSchemaCommand(@TargetAggregateIdentifier String aggregateId, String account, String schemaId,
                                   int version, JsonNode document, String publishedBy) {
}
