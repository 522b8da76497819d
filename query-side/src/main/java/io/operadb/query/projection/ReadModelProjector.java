package io.operadb.query.projection;

import io.operadb.api.account.AccountCreatedEvent;
import io.operadb.api.account.ActorRegisteredEvent;
import io.operadb.api.entity.EntityEvent;
import io.operadb.api.schema.SchemaPublishedEvent;
import io.operadb.query.readmodel.Routes;
import org.springframework.stereotype.Component;

import java.util.function.BiFunction;

/**
 * Applies any event the read models know to the collections a router names (null: the event is not for them).
 * Shared by the live and the rebuild processor, which differ only in where they write.
 */
@Component
public class ReadModelProjector {

    private final EntityProjection entities;
    private final SchemaProjection schemas;
    private final AccountProjection accounts;

    public ReadModelProjector(EntityProjection entities, SchemaProjection schemas, AccountProjection accounts) {
        this.entities = entities;
        this.schemas = schemas;
        this.accounts = accounts;
    }

    /** Where an event of an account (and schema, null for account-level events) goes. */
    public interface Router extends BiFunction<String, String, Routes> {
    }

    public void apply(EntityEvent event, Router router) {
        Routes routes = router.apply(event.account(), event.schema());
        if (routes != null) {
            entities.apply(event, routes);
        }
    }

    public void apply(SchemaPublishedEvent event, Router router) {
        Routes routes = router.apply(event.account(), event.schemaId());
        if (routes != null) {
            schemas.apply(event, routes);
        }
    }

    public void apply(AccountCreatedEvent event, Router router) {
        Routes routes = router.apply(event.account(), null);
        if (routes != null) {
            accounts.apply(event, routes);
        }
    }

    public void apply(ActorRegisteredEvent event, Router router) {
        Routes routes = router.apply(event.account(), null);
        if (routes != null) {
            accounts.apply(event, routes);
        }
    }
}
