package io.operadb.query.projection;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Per processing group: flushes each batch's read-model writes ({@link ProjectionWrites}) once its last event is
 * handled, and counts the events applied, so a replay can report how far it is.
 * <p>
 * The interceptor is handed out by {@link #interceptor(String)} and registered per group; this bean is deliberately
 * no {@link MessageHandlerInterceptor} itself, because Axon's Spring Boot auto-configuration registers every such
 * bean with every event processor as well, which counted each event twice.
 */
@Component
public class ProjectionProgress {

    private final ProjectionWrites writes;
    private final Map<String, AtomicLong> handled = new ConcurrentHashMap<>();

    public ProjectionProgress(ProjectionWrites writes) {
        this.writes = writes;
    }

    public MessageHandlerInterceptor<EventMessage<?>> interceptor(String group) {
        AtomicLong counter = counter(group);
        return (unitOfWork, chain) -> {
            Object result = chain.proceed();
            if (!(unitOfWork instanceof BatchingUnitOfWork<?> batch) || batch.isLastMessage()) {
                writes.flush();
            }
            unitOfWork.afterCommit(u -> counter.incrementAndGet());
            return result;
        };
    }

    /** Events the live projections have applied since this process started. */
    public long handled() {
        return handled(Projections.GROUP);
    }

    public long handled(String group) {
        return counter(group).get();
    }

    private AtomicLong counter(String group) {
        return handled.computeIfAbsent(group, g -> new AtomicLong());
    }
}
