package io.operadb.query.projection;

import io.operadb.api.account.AccountCreatedEvent;
import io.operadb.api.account.ActorRegisteredEvent;
import io.operadb.api.account.ActorRegistration;
import io.operadb.query.readmodel.Routes;
import org.bson.Document;
import org.springframework.stereotype.Component;

import java.util.Date;
import java.util.List;
import java.util.Map;

/** Accounts and their actors, for the query side's own look-ups. */
@Component
public class AccountProjection {

    private final ProjectionWrites writes;

    public AccountProjection(ProjectionWrites writes) {
        this.writes = writes;
    }

    public void apply(AccountCreatedEvent event, Routes routes) {
        writes.save(routes.accounts(), new Document("_id", event.account())
                .append("createdAt", Date.from(event.timestamp()))
                .append("createdBy", event.createdBy())
                .append("owner", event.owner().actorId()));
        saveActor(event.account(), event.owner(), routes);
    }

    public void apply(ActorRegisteredEvent event, Routes routes) {
        saveActor(event.account(), event.actor(), routes);
    }

    private void saveActor(String account, ActorRegistration actor, Routes routes) {
        List<Map<String, String>> keys = actor.keys().stream()
                .map(k -> k.address() != null ? Map.of("type", k.type(), "address", k.address())
                        : Map.of("type", k.type(), "publicKey", k.publicKey()))
                .toList();
        writes.save(routes.actors(), new Document("_id", account + "/" + actor.actorId())
                .append("account", account)
                .append("actorId", actor.actorId())
                .append("roles", actor.roles())
                .append("keys", keys));
    }
}
