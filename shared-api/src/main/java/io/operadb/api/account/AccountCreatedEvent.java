package io.operadb.api.account;

import java.time.Instant;

/** A tenant was created; it carries its owner so that one command writes exactly one event. */
public record AccountCreatedEvent(String account, ActorRegistration owner, String createdBy, Instant timestamp) {
}
