package io.operadb.api.account;

import java.time.Instant;

/** An actor was registered in an account, or its roles and keys were replaced. */
public record ActorRegisteredEvent(String account, ActorRegistration actor, String registeredBy, Instant timestamp) {
}
