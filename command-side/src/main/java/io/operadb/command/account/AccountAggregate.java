package io.operadb.command.account;

import io.operadb.api.account.AccountActors;
import io.operadb.api.account.AccountCreatedEvent;
import io.operadb.api.account.ActorRegisteredEvent;
import io.operadb.api.account.ActorStatus;
import io.operadb.api.account.ActorStatusChangedEvent;
import io.operadb.api.account.ChangeActorStatusCommand;
import io.operadb.api.account.CreateAccountCommand;
import io.operadb.api.account.RegisterActorCommand;
import io.operadb.api.naming.AggregateIds;
import io.operadb.api.problem.OperaDbException;
import io.operadb.api.problem.ProblemKind;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Clock;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A tenant and the actors registered in it; the owner is its first admin. Only active admins manage actors, and the
 * account always keeps at least one active admin, so it can never lock itself out.
 */
@Aggregate
public class AccountAggregate {

    public static final String ADMIN = "admin";

    @AggregateIdentifier
    private String aggregateId;
    private final AccountActors actors = new AccountActors();

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
        requireActiveAdmin(command.registeredBy(), command.account(), "register actors");
        String actorId = command.actor().actorId();
        if (isActiveAdmin(actorId) && !command.actor().roles().contains(ADMIN) && activeAdmins() == 1) {
            throw new OperaDbException(ProblemKind.GUARD_FAILED,
                    "actor " + actorId + " is the last active admin of account " + command.account()
                            + ": it keeps the admin role");
        }
        apply(new ActorRegisteredEvent(command.account(), command.actor(), command.registeredBy(), clock.instant()));
        return actorId;
    }

    @CommandHandler
    public String handle(ChangeActorStatusCommand command, Clock clock) {
        requireActiveAdmin(command.changedBy(), command.account(), "suspend or reactivate actors");
        String actorId = command.actorId();
        if (actors.actor(actorId).isEmpty()) {
            throw new OperaDbException(ProblemKind.NOT_FOUND,
                    "no actor " + actorId + " in account " + command.account());
        }
        if ((command.status() == ActorStatus.ACTIVE) == actors.isActive(actorId)) {
            return actorId; // already so: nothing to record
        }
        if (command.status() == ActorStatus.SUSPENDED && isActiveAdmin(actorId) && activeAdmins() == 1) {
            throw new OperaDbException(ProblemKind.GUARD_FAILED,
                    "actor " + actorId + " is the last active admin of account " + command.account()
                            + " and cannot be suspended");
        }
        apply(new ActorStatusChangedEvent(command.account(), actorId, command.status(), command.changedBy(),
                clock.instant()));
        return actorId;
    }

    private void requireActiveAdmin(String actorId, String account, String what) {
        if (!isActiveAdmin(actorId)) {
            throw new OperaDbException(ProblemKind.FORBIDDEN, "only an admin of account " + account + " may " + what);
        }
    }

    private boolean isActiveAdmin(String actorId) {
        return actors.isActive(actorId) && actors.actor(actorId).orElseThrow().roles().contains(ADMIN);
    }

    private long activeAdmins() {
        return actors.actors().keySet().stream().filter(this::isActiveAdmin).count();
    }

    @EventSourcingHandler
    void on(AccountCreatedEvent event) {
        aggregateId = AggregateIds.account(event.account());
        actors.apply(event);
    }

    @EventSourcingHandler
    void on(ActorRegisteredEvent event) {
        actors.apply(event);
    }

    @EventSourcingHandler
    void on(ActorStatusChangedEvent event) {
        actors.apply(event);
    }
}
