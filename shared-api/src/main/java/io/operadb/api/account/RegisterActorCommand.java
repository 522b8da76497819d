package io.operadb.api.account;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Registers an actor (or replaces its roles and keys) in an account; only an admin may. */
public record RegisterActorCommand(@TargetAggregateIdentifier String aggregateId, String account,
                                   ActorRegistration actor, String registeredBy) {
}
