package io.operadb.api.account;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Suspends or reactivates an actor of an account; only an admin may, and never the last active admin. */
public record ChangeActorStatusCommand(@TargetAggregateIdentifier String aggregateId, String account, String actorId,
                                       ActorStatus status, String changedBy) {
}
