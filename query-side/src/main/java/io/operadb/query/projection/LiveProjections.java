package io.operadb.query.projection;

import io.operadb.api.account.AccountCreatedEvent;
import io.operadb.api.account.ActorRegisteredEvent;
import io.operadb.api.entity.EntityEvent;
import io.operadb.api.schema.SchemaPublishedEvent;
import io.operadb.query.readmodel.ReadModelGenerations;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

/** The live processor's handlers: every event into the generation that serves its account and schema now. */
@Component
@ProcessingGroup(Projections.GROUP)
public class LiveProjections {

    private final ReadModelProjector projector;
    private final ReadModelProjector.Router router;

    public LiveProjections(ReadModelProjector projector, ReadModelGenerations generations) {
        this.projector = projector;
        this.router = (account, schema) -> generations.current().routes(account, schema);
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
