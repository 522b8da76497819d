package io.operadb.web.auth;

import java.util.Optional;

/**
 * Where each side looks up the actors it authenticates: the command side from the account's events, the query side
 * from its read model.
 */
public interface ActorDirectory {

    /** The actor, or empty when the account or the actor is unknown. {@code actorId} is normalised. */
    Optional<KnownActor> find(String account, String actorId);
}
