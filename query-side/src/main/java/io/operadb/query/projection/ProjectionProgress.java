package io.operadb.query.projection;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.springframework.stereotype.Component;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the events the projections have applied, so a replay can report how far it is.
 * <p>
 * The counting interceptor is handed out by {@link #counter()} and registered for the projections group only; this
 * bean is deliberately no {@link MessageHandlerInterceptor} itself, because Axon's Spring Boot auto-configuration
 * registers every such bean with every event processor as well, which counted each event twice.
 */
@Component
public class ProjectionProgress {

    private final AtomicLong handled = new AtomicLong();

    public MessageHandlerInterceptor<EventMessage<?>> counter() {
        return (unitOfWork, chain) -> {
            unitOfWork.afterCommit(u -> handled.incrementAndGet());
            return chain.proceed();
        };
    }

    public long handled() {
        return handled.get();
    }
}
