package io.operadb.query.projection;

import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Configuration;

/**
 * How the projections group runs: a failing event stops the group and is retried (never skipped silently, which
 * would leave a read model wrong for good), and every handled event is counted for replay progress.
 */
@Configuration
public class ProjectionProcessingConfiguration {

    @Autowired
    public void configure(EventProcessingConfigurer processing, ProjectionProgress progress) {
        processing.registerListenerInvocationErrorHandler(Projections.GROUP,
                configuration -> PropagatingErrorHandler.instance());
        processing.registerHandlerInterceptor(Projections.GROUP, configuration -> progress.counter());
    }
}
