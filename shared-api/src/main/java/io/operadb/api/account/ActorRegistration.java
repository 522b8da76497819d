package io.operadb.api.account;

import java.util.List;

/** An actor as registered in an account: its id, roles and keys. */
public record ActorRegistration(String actorId, List<String> roles, List<ActorKey> keys) {

    public ActorRegistration {
        roles = roles == null ? List.of() : List.copyOf(roles);
        keys = keys == null ? List.of() : List.copyOf(keys);
    }
}
