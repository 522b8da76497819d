package io.operadb.command.account;

import io.operadb.api.account.AccountCreatedEvent;
import io.operadb.api.account.ActorRegisteredEvent;
import io.operadb.api.account.ActorRegistration;
import io.operadb.api.account.CreateAccountCommand;
import io.operadb.api.account.RegisterActorCommand;
import io.operadb.api.problem.OperaDbException;
import io.operadb.api.problem.ProblemKind;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** A tenant and the actors registered in it; the owner is its first admin. */
@Aggregate
public class AccountAggregate {

    public static final String ADMIN = "admin";

    @AggregateIdentifier
    private String aggregateId;
    private final Map<String, ActorRegistration> actors = new HashMap<>();

    public AccountAggregate() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public String handle(CreateAccountCommand command, Clock clock) {
        if (aggregateId != null) {
            throw new OperaDbException(ProblemKind.DUPLICATE, "account " + command.account() + " already exists");
        }
        apply(new AccountCreatedEvent(command.account(), command.owner(), command.requestedBy(), clock.instant()));
        return command.account();
    }

    @CommandHandler
    public String handle(RegisterActorCommand command, Clock clock) {
        ActorRegistration registrar = actors.get(command.registeredBy());
        if (registrar == null || !registrar.roles().contains(ADMIN)) {
            throw new OperaDbException(ProblemKind.FORBIDDEN,
                    "only an admin of account " + command.account() + " may register actors");
        }
        apply(new ActorRegisteredEvent(command.account(), command.actor(), command.registeredBy(), clock.instant()));
        return command.actor().actorId();
    }

    @EventSourcingHandler
    void on(AccountCreatedEvent event) {
        aggregateId = io.operadb.api.naming.AggregateIds.account(event.account());
        actors.put(event.owner().actorId(), event.owner());
    }

    @EventSourcingHandler
    void on(ActorRegisteredEvent event) {
        actors.put(event.actor().actorId(), event.actor());
    }
}
