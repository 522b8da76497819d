package io.operadb.query.projection;

import io.operadb.api.account.AccountCreatedEvent;
import io.operadb.api.account.ActorRegisteredEvent;
import io.operadb.api.account.ActorRegistration;
import io.operadb.query.readmodel.ReadModels;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import java.util.Date;
import java.util.List;
import java.util.Map;

/** Accounts and their actors, for the query side's own look-ups. */
@Component
@ProcessingGroup(Projections.GROUP)
public class AccountProjection {

    private final MongoTemplate mongo;

    public AccountProjection(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @EventHandler
    void on(AccountCreatedEvent event) {
        mongo.save(new Document("_id", event.account())
                .append("createdAt", Date.from(event.timestamp()))
                .append("createdBy", event.createdBy())
                .append("owner", event.owner().actorId()), ReadModels.ACCOUNTS);
        saveActor(event.account(), event.owner());
    }

    @EventHandler
    void on(ActorRegisteredEvent event) {
        saveActor(event.account(), event.actor());
    }


    private void saveActor(String account, ActorRegistration actor) {
        List<Map<String, String>> keys = actor.keys().stream()
                .map(k -> k.address() != null ? Map.of("type", k.type(), "address", k.address())
                        : Map.of("type", k.type(), "publicKey", k.publicKey()))
                .toList();
        mongo.save(new Document("_id", account + "/" + actor.actorId())
                .append("account", account)
                .append("actorId", actor.actorId())
                .append("roles", actor.roles())
                .append("keys", keys), ReadModels.ACTORS);
    }
}
