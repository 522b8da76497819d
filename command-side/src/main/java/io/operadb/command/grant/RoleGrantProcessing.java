package io.operadb.command.grant;

import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Configuration;

/** A failure to update the grants stops the role-grants processor and is retried: an event is never skipped. */
@Configuration
public class RoleGrantProcessing {

    @Autowired
    public void configure(EventProcessingConfigurer processing) {
        processing.registerListenerInvocationErrorHandler(RoleGrantProjection.GROUP,
                configuration -> PropagatingErrorHandler.instance());
    }
}
