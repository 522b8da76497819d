package io.operadb.api.account;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Creates a tenant; its owner becomes the first actor, with role admin. */
public record CreateAccountCommand(@TargetAggregateIdentifier String aggregateId, String account,
                                   ActorRegistration owner, String requestedBy) {
}
