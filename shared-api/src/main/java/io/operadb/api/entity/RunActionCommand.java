package io.operadb.api.entity;

import com.fasterxml.jackson.databind.JsonNode;
import io.operadb.api.actor.ActorContext;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Runs an action on an existing entity; {@code expectedVersion} (If-Match) is null when not given. */
public record RunActionCommand(@TargetAggregateIdentifier String aggregateId, String account, String schema,
                               String entityId, String action, JsonNode data, ActorContext actor,
                               Long expectedVersion, String idempotencyKey) {
}
