package io.operadb.query.projection;

import io.operadb.api.account.AccountCreatedEvent;
import io.operadb.api.account.ActorRegisteredEvent;
import io.operadb.api.entity.EntityEvent;
import io.operadb.api.schema.SchemaPublishedEvent;
import org.axonframework.eventhandling.EventHandler;

/**
 * The handlers both processors share: every event goes to the one projector, into the collections the subclass's
 * router names. The live and the rebuild processor differ only in that router.
 */
abstract class RoutedProjections {

    private final ReadModelProjector projector;
    private final ReadModelProjector.Router router;

    RoutedProjections(ReadModelProjector projector, ReadModelProjector.Router router) {
        this.projector = projector;
        this.router = router;
    }

    @EventHandler
    public void on(EntityEvent event) {
        projector.apply(event, router);
    }

    @EventHandler
    public void on(SchemaPublishedEvent event) {
        projector.apply(event, router);
    }

    @EventHandler
    public void on(AccountCreatedEvent event) {
        projector.apply(event, router);
    }

    @EventHandler
    public void on(ActorRegisteredEvent event) {
        projector.apply(event, router);
    }
}
