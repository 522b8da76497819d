package io.operadb.api.entity;

import com.fasterxml.jackson.databind.JsonNode;
import io.operadb.api.actor.ActorContext;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Runs a schema's creating action; {@code data} is the raw request JSON, validated by the aggregate. */
public record CreateEntityCommand(@TargetAggregateIdentifier String aggregateId, String account, String schema,
                                  String entityId, JsonNode data, ActorContext actor, String idempotencyKey) {
}
