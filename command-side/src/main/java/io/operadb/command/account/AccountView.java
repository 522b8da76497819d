package io.operadb.command.account;

import io.operadb.api.account.ActorRegistration;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** An account as commands need it: who is registered there, with which roles, and who is suspended. */
public record AccountView(String account, Map<String, ActorRegistration> actors, Set<String> suspended) {

    public Optional<ActorRegistration> actor(String actorId) {
        return Optional.ofNullable(actors.get(actorId));
    }

    public boolean isActive(String actorId) {
        return actors.containsKey(actorId) && !suspended.contains(actorId);
    }
}
