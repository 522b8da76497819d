package io.operadb.query.actor;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.operadb.api.account.AccountActors;
import io.operadb.api.naming.AggregateIds;
import io.operadb.api.naming.Names;
import io.operadb.web.auth.ActorDirectory;
import io.operadb.web.auth.KnownActor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

import java.util.Optional;
import java.util.Set;

/**
 * Authentication's view of actors on the query side: folded from the account's own events in the store, not from a
 * read model, so a new actor can read at once, and a replay (which rebuilds the read models) never locks anyone out.
 * Cached for a moment: a suspension reaches this side within that time.
 */
@Component
public class QuerySideActors implements ActorDirectory {

    private final EventStore eventStore;
    private final Cache<String, AccountActors> accounts;

    public QuerySideActors(EventStore eventStore, io.operadb.query.config.QuerySideProperties properties) {
        this.eventStore = eventStore;
        this.accounts = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(properties.actorCacheTtl()).build();
    }

    @Override
    public Optional<KnownActor> find(String account, String actorId) {
        return actors(account).flatMap(folded -> folded.actor(actorId).map(actor -> new KnownActor(actor.actorId(),
                folded.isActive(actorId), Set.copyOf(actor.roles()), actor.keys())));
    }

    /** The account's actors; empty when there is no such account. */
    public Optional<AccountActors> actors(String account) {
        if (!Names.isAccount(account)) {
            return Optional.empty();
        }
        AccountActors cached = accounts.getIfPresent(account);
        if (cached == null) {
            cached = new AccountActors();
            AccountActors folding = cached;
            eventStore.readEvents(AggregateIds.account(account)).asStream().forEach(m -> folding.apply(m.getPayload()));
            if (!cached.exists()) {
                return Optional.empty(); // not cached: the account may be created in a moment
            }
            accounts.put(account, cached);
        }
        return Optional.of(cached);
    }
}
