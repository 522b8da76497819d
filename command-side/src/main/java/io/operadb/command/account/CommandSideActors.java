package io.operadb.command.account;

import io.operadb.web.auth.ActorDirectory;
import io.operadb.web.auth.KnownActor;
import org.springframework.stereotype.Component;

import java.util.Optional;
import java.util.Set;

/** Authentication's view of actors on the command side: the account's own events, through the directory. */
@Component
public class CommandSideActors implements ActorDirectory {

    private final AccountDirectory accounts;

    public CommandSideActors(AccountDirectory accounts) {
        this.accounts = accounts;
    }

    @Override
    public Optional<KnownActor> find(String account, String actorId) {
        if (!io.operadb.api.naming.Names.isAccount(account)) {
            return Optional.empty();
        }
        return accounts.find(account).flatMap(view -> view.actor(actorId).map(actor ->
                new KnownActor(actor.actorId(), view.isActive(actorId), Set.copyOf(actor.roles()), actor.keys())));
    }
}
