package io.operadb.command.config;

import io.operadb.api.problem.OperaDbException;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Configuration;

/**
 * When commands travel through Axon Server, only a {@link CommandExecutionException}'s details reach the caller.
 * Domain refusals are therefore re-thrown as such, carrying their problem, so the HTTP answer is the same on the
 * embedded default and in the distributed setup.
 */
@Configuration
public class ProblemCarryingInterceptor implements MessageHandlerInterceptor<CommandMessage<?>> {

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain)
            throws Exception {
        try {
            return chain.proceed();
        } catch (OperaDbException e) {
            throw new CommandExecutionException(e.getMessage(), e, e.problem());
        }
    }

    @Autowired
    void register(CommandBus commandBus) {
        commandBus.registerHandlerInterceptor(this);
    }
}
