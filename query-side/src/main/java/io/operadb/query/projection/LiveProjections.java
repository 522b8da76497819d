package io.operadb.query.projection;

import io.operadb.query.readmodel.ReadModelGenerations;
import org.axonframework.config.ProcessingGroup;
import org.springframework.stereotype.Component;

/** The live processor's handlers: every event into the generation that serves its account and schema now. */
@Component
@ProcessingGroup(Projections.GROUP)
public class LiveProjections extends RoutedProjections {

    public LiveProjections(ReadModelProjector projector, ReadModelGenerations generations) {
        super(projector, (account, schema) -> generations.current().routes(account, schema));
    }
}
