package io.operadb.query.projection;

import io.operadb.query.readmodel.ReadModelGenerations;
import org.axonframework.config.ProcessingGroup;
import org.springframework.stereotype.Component;

/**
 * The rebuild processor's handlers: during a replay, the events of its scope into the generation being built (the
 * rest is skipped). With no replay under way they write where the live ones do, so a dead letter of a finished
 * rebuild is retried into the serving models.
 */
@Component
@ProcessingGroup(Projections.REBUILD_GROUP)
public class RebuildProjections extends RoutedProjections {

    public RebuildProjections(ReadModelProjector projector, ReadModelGenerations generations) {
        super(projector, (account, schema) -> generations.current().rebuildRoutes(account, schema));
    }
}
