package io.operadb.command.account;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.operadb.api.account.ActorRegistration;
import io.operadb.api.account.AccountActors;
import io.operadb.api.actor.ActorContext;
import io.operadb.api.naming.AggregateIds;
import io.operadb.api.problem.OperaDbException;
import io.operadb.api.problem.ProblemKind;
import io.operadb.command.builtin.BuiltinModules;
import io.operadb.command.config.CommandSideProperties;
import io.operadb.command.grant.RoleGrants;
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
    private final BuiltinModules builtinModules;
    private final RoleGrants roleGrants;
    private final Cache<String, Optional<AccountView>> accounts;

    public AccountDirectory(EventStore eventStore, BuiltinModules builtinModules, RoleGrants roleGrants,
                            CommandSideProperties properties) {
        this.eventStore = eventStore;
        this.builtinModules = builtinModules;
        this.roleGrants = roleGrants;
        this.accounts = Caffeine.newBuilder().maximumSize(10_000)
                .expireAfterWrite(properties.directoryCacheTtl()).build();
    }

    /**
     * The account, if it exists. The first time this process sees an account, it also makes sure the account has
     * the built-in modules (repairing an installation cut short when the account was created).
     */
    public Optional<AccountView> find(String account) {
        Optional<AccountView> view = accounts.get(account, this::load);
        if (view.isPresent()) {
            builtinModules.ensureInstalled(account);
        }
        return view;
    }

    public AccountView require(String account) {
        return find(account).orElseThrow(() ->
                new OperaDbException(ProblemKind.UNKNOWN_ACCOUNT, "no account named " + account));
    }

    /** The acting actor with its roles; an actor not registered in the account may do nothing there. */
    public ActorContext actorIn(String account, String actorId) {
        AccountView view = require(account);
        ActorRegistration actor = view.actor(actorId).orElseThrow(() ->
                new OperaDbException(ProblemKind.FORBIDDEN,
                        "actor " + actorId + " is not registered in account " + account));
        if (!view.isActive(actorId)) {
            throw new OperaDbException(ProblemKind.FORBIDDEN,
                    "actor " + actorId + " is suspended in account " + account);
        }
        return new ActorContext(actor.actorId(), Set.copyOf(actor.roles()));
    }

    /**
     * {@link #actorIn} with the roles that entities of the account grant the actor (members of a {@code group}, or
     * of any schema declaring {@code grantsRoles}): what {@code allow} rules of entity actions see.
     */
    public ActorContext actorWithGrantedRolesIn(String account, String actorId) {
        ActorContext registered = actorIn(account, actorId);
        Set<String> granted = roleGrants.rolesOf(account, registered.actorId());
        if (granted.isEmpty()) {
            return registered;
        }
        Set<String> roles = new java.util.HashSet<>(registered.roles());
        roles.addAll(granted);
        return new ActorContext(registered.actorId(), roles);
    }

    public void evict(String account) {
        accounts.invalidate(account);
    }

    private Optional<AccountView> load(String account) {
        AccountActors folded = new AccountActors();
        eventStore.readEvents(AggregateIds.account(account)).asStream().forEach(m -> folded.apply(m.getPayload()));
        return folded.exists() ? Optional.of(new AccountView(account, folded.actors(), folded.suspended()))
                : Optional.empty();
    }
}
