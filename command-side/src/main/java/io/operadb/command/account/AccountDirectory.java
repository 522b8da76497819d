package io.operadb.command.account;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.operadb.api.account.AccountCreatedEvent;
import io.operadb.api.account.ActorRegisteredEvent;
import io.operadb.api.account.ActorRegistration;
import io.operadb.api.actor.ActorContext;
import io.operadb.api.naming.AggregateIds;
import io.operadb.api.problem.OperaDbException;
import io.operadb.api.problem.ProblemKind;
import io.operadb.command.config.CommandSideProperties;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Answers "who is this actor in this account" for every command, from the account's own events.
 * Reads are cached briefly; a change made through this process evicts at once.
 */
@Component
public class AccountDirectory {

    private final EventStore eventStore;
    private final Cache<String, Optional<AccountView>> accounts;

    public AccountDirectory(EventStore eventStore, CommandSideProperties properties) {
        this.eventStore = eventStore;
        this.accounts = Caffeine.newBuilder().maximumSize(10_000)
                .expireAfterWrite(properties.directoryCacheTtl()).build();
    }

    public Optional<AccountView> find(String account) {
        return accounts.get(account, this::load);
    }

    public AccountView require(String account) {
        return find(account).orElseThrow(() ->
                new OperaDbException(ProblemKind.UNKNOWN_ACCOUNT, "no account named " + account));
    }

    /** The acting actor with its roles; an actor not registered in the account may do nothing there. */
    public ActorContext actorIn(String account, String actorId) {
        ActorRegistration actor = require(account).actor(actorId).orElseThrow(() ->
                new OperaDbException(ProblemKind.FORBIDDEN,
                        "actor " + actorId + " is not registered in account " + account));
        return new ActorContext(actor.actorId(), Set.copyOf(actor.roles()));
    }

    public void evict(String account) {
        accounts.invalidate(account);
    }

    private Optional<AccountView> load(String account) {
        Map<String, ActorRegistration> actors = new HashMap<>();
        boolean[] exists = {false};
        eventStore.readEvents(AggregateIds.account(account)).asStream().forEach(message -> {
            Object payload = message.getPayload();
            if (payload instanceof AccountCreatedEvent created) {
                exists[0] = true;
                actors.put(created.owner().actorId(), created.owner());
            } else if (payload instanceof ActorRegisteredEvent registered) {
                actors.put(registered.actor().actorId(), registered.actor());
            }
        });
        return exists[0] ? Optional.of(new AccountView(account, Map.copyOf(actors))) : Optional.empty();
    }
}
