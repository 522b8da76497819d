package io.operadb.query.projection;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.stereotype.Component;

import java.util.concurrent.atomic.AtomicLong;

/** Counts the events the projections have applied, so a replay can report how far it is. */
@Component
public class ProjectionProgress implements MessageHandlerInterceptor<EventMessage<?>> {

    private final AtomicLong handled = new AtomicLong();

    @Override
    public Object handle(UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        unitOfWork.afterCommit(u -> handled.incrementAndGet());
        return chain.proceed();
    }

    public long handled() {
        return handled.get();
    }
}
