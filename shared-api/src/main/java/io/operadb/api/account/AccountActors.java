package io.operadb.api.account;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The actors of one account folded from its events: registrations (roles, keys) and suspensions. Both sides fold the
 * account's events through this one class, so they agree on who may act.
 */
public final class AccountActors {

    private boolean exists;
    private final Map<String, ActorRegistration> actors = new HashMap<>();
    private final Set<String> suspended = new HashSet<>();

    /** Folds one event of the account; other payloads are ignored. */
    public AccountActors apply(Object event) {
        if (event instanceof AccountCreatedEvent created) {
            exists = true;
            actors.put(created.owner().actorId(), created.owner());
        } else if (event instanceof ActorRegisteredEvent registered) {
            actors.put(registered.actor().actorId(), registered.actor());
        } else if (event instanceof ActorStatusChangedEvent changed) {
            if (changed.status() == ActorStatus.SUSPENDED) {
                suspended.add(changed.actorId());
            } else {
                suspended.remove(changed.actorId());
            }
        }
        return this;
    }

    public boolean exists() {
        return exists;
    }

    public Optional<ActorRegistration> actor(String actorId) {
        return Optional.ofNullable(actors.get(actorId));
    }

    public boolean isActive(String actorId) {
        return actors.containsKey(actorId) && !suspended.contains(actorId);
    }

    public Map<String, ActorRegistration> actors() {
        return Map.copyOf(actors);
    }

    public Set<String> suspended() {
        return Set.copyOf(suspended);
    }
}
