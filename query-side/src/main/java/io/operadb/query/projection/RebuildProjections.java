package io.operadb.query.projection;

import io.operadb.api.account.AccountCreatedEvent;
import io.operadb.api.account.ActorRegisteredEvent;
import io.operadb.api.entity.EntityEvent;
import io.operadb.api.schema.SchemaPublishedEvent;
import io.operadb.query.readmodel.ReadModelGenerations;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

/**
 * The rebuild processor's handlers: during a replay, the events of its scope into the generation being built (the
 * rest is skipped). With no replay under way they write where the live ones do, so a dead letter of a finished
 * rebuild is retried into the serving models.
 */
@Component
@ProcessingGroup(Projections.REBUILD_GROUP)
public class RebuildProjections {

    private final ReadModelProjector projector;
    private final ReadModelProjector.Router router;

    public RebuildProjections(ReadModelProjector projector, ReadModelGenerations generations) {
        this.projector = projector;
        this.router = (account, schema) -> generations.current().rebuildRoutes(account, schema);
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
