package io.operadb.command.account;

import io.operadb.api.account.ActorRegistration;

import java.util.Map;
import java.util.Optional;

/** An account as commands need it: who is registered there, with which roles. */
public record AccountView(String account, Map<String, ActorRegistration> actors) {

    public Optional<ActorRegistration> actor(String actorId) {
        return Optional.ofNullable(actors.get(actorId));
    }
}
