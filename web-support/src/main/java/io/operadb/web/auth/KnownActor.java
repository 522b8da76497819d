package io.operadb.web.auth;

import io.operadb.api.account.ActorKey;

import java.util.List;
import java.util.Set;

/** What authentication needs to know of an actor in an account: is it active, what are its roles and keys. */
public record KnownActor(String actorId, boolean active, Set<String> roles, List<ActorKey> keys) {

    public KnownActor {
        roles = Set.copyOf(roles);
        keys = List.copyOf(keys);
    }
}
