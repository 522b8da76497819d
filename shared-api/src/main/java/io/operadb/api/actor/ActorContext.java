package io.operadb.api.actor;

import java.util.Set;

/** Who runs a command: the actor's id (normalised, see {@link ActorIds}) and its roles in the account. */
public record ActorContext(String actorId, Set<String> roles) {

    public ActorContext {
        actorId = ActorIds.normalize(actorId);
        roles = roles == null ? Set.of() : Set.copyOf(roles);
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
    }
}
