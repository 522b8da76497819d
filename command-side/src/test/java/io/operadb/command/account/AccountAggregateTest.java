package io.operadb.command.account;

import io.operadb.api.account.AccountCreatedEvent;
import io.operadb.api.account.ActorKey;
import io.operadb.api.account.ActorRegisteredEvent;
import io.operadb.api.account.ActorRegistration;
import io.operadb.api.account.ActorStatus;
import io.operadb.api.account.ActorStatusChangedEvent;
import io.operadb.api.account.ChangeActorStatusCommand;
import io.operadb.api.account.CreateAccountCommand;
import io.operadb.api.account.RegisterActorCommand;
import io.operadb.api.naming.AggregateIds;
import io.operadb.api.problem.OperaDbException;
import io.operadb.api.problem.ProblemKind;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static io.operadb.command.support.Asserting.satisfies;
import static org.assertj.core.api.Assertions.assertThat;

class AccountAggregateTest {

    static final Instant NOW = Instant.parse("2026-03-01T10:15:30.123Z");
    static final String ID = AggregateIds.account("acme");
    static final ActorRegistration OWNER = new ActorRegistration("user:owner", List.of("admin"),
            List.of(new ActorKey("secp256k1", "0x" + "ab".repeat(20), null)));
    static final ActorRegistration ALICE = new ActorRegistration("user:alice", List.of("lead"), List.of());
    static final ActorRegistration BOB = new ActorRegistration("user:bob", List.of(), List.of());

    FixtureConfiguration<AccountAggregate> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(AccountAggregate.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void creating_an_account_records_it_with_its_owner_as_first_admin() {
        fixture.givenNoPriorActivity()
                .when(new CreateAccountCommand(ID, "acme", OWNER, "user:owner"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new AccountCreatedEvent("acme", OWNER, "user:owner", NOW))
                .expectResultMessagePayload("acme");
    }

    @Test
    void creating_an_account_that_exists_is_a_duplicate_and_records_nothing() {
        fixture.given(new AccountCreatedEvent("acme", OWNER, "user:owner", NOW))
                .when(new CreateAccountCommand(ID, "acme", ALICE, "user:alice"))
                .expectNoEvents()
                .expectException(problem(ProblemKind.DUPLICATE));
    }

    @Test
    void the_owner_as_admin_registers_an_actor() {
        fixture.given(new AccountCreatedEvent("acme", OWNER, "user:owner", NOW))
                .when(new RegisterActorCommand(ID, "acme", ALICE, "user:owner"))
                .expectEvents(new ActorRegisteredEvent("acme", ALICE, "user:owner", NOW))
                .expectResultMessagePayload("user:alice");
    }

    @Test
    void an_actor_registered_as_admin_may_register_others() {
        ActorRegistration admin = new ActorRegistration("svc:ops", List.of("admin"), List.of());
        fixture.given(new AccountCreatedEvent("acme", OWNER, "user:owner", NOW),
                        new ActorRegisteredEvent("acme", admin, "user:owner", NOW))
                .when(new RegisterActorCommand(ID, "acme", BOB, "svc:ops"))
                .expectEvents(new ActorRegisteredEvent("acme", BOB, "svc:ops", NOW));
    }

    @Test
    void registering_by_an_actor_that_is_not_an_admin_is_forbidden() {
        fixture.given(new AccountCreatedEvent("acme", OWNER, "user:owner", NOW),
                        new ActorRegisteredEvent("acme", ALICE, "user:owner", NOW))
                .when(new RegisterActorCommand(ID, "acme", BOB, "user:alice"))
                .expectNoEvents()
                .expectException(problem(ProblemKind.FORBIDDEN));
    }

    @Test
    void registering_by_an_actor_unknown_to_the_account_is_forbidden() {
        fixture.given(new AccountCreatedEvent("acme", OWNER, "user:owner", NOW))
                .when(new RegisterActorCommand(ID, "acme", BOB, "user:mallory"))
                .expectNoEvents()
                .expectException(problem(ProblemKind.FORBIDDEN));
    }

    @Test
    void an_admin_who_lost_the_role_may_no_longer_register() {
        ActorRegistration demoted = new ActorRegistration("svc:ops", List.of(), List.of());
        fixture.given(new AccountCreatedEvent("acme", OWNER, "user:owner", NOW),
                        new ActorRegisteredEvent("acme", new ActorRegistration("svc:ops", List.of("admin"), List.of()),
                                "user:owner", NOW),
                        new ActorRegisteredEvent("acme", demoted, "user:owner", NOW))
                .when(new RegisterActorCommand(ID, "acme", BOB, "svc:ops"))
                .expectNoEvents()
                .expectException(problem(ProblemKind.FORBIDDEN));
    }

    @Test
    void an_admin_suspends_an_actor_and_reactivates_it() {
        fixture.given(new AccountCreatedEvent("acme", OWNER, "user:owner", NOW),
                        new ActorRegisteredEvent("acme", BOB, "user:owner", NOW))
                .when(new ChangeActorStatusCommand(ID, "acme", "user:bob", ActorStatus.SUSPENDED, "user:owner"))
                .expectEvents(new ActorStatusChangedEvent("acme", "user:bob", ActorStatus.SUSPENDED, "user:owner", NOW));
        fixture.given(new AccountCreatedEvent("acme", OWNER, "user:owner", NOW),
                        new ActorRegisteredEvent("acme", BOB, "user:owner", NOW),
                        new ActorStatusChangedEvent("acme", "user:bob", ActorStatus.SUSPENDED, "user:owner", NOW))
                .when(new ChangeActorStatusCommand(ID, "acme", "user:bob", ActorStatus.ACTIVE, "user:owner"))
                .expectEvents(new ActorStatusChangedEvent("acme", "user:bob", ActorStatus.ACTIVE, "user:owner", NOW));
    }

    @Test
    void suspending_an_actor_already_suspended_records_nothing() {
        fixture.given(new AccountCreatedEvent("acme", OWNER, "user:owner", NOW),
                        new ActorRegisteredEvent("acme", BOB, "user:owner", NOW),
                        new ActorStatusChangedEvent("acme", "user:bob", ActorStatus.SUSPENDED, "user:owner", NOW))
                .when(new ChangeActorStatusCommand(ID, "acme", "user:bob", ActorStatus.SUSPENDED, "user:owner"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void a_suspended_admin_can_no_longer_manage_actors() {
        ActorRegistration second = new ActorRegistration("user:second", List.of("admin"), List.of());
        fixture.given(new AccountCreatedEvent("acme", OWNER, "user:owner", NOW),
                        new ActorRegisteredEvent("acme", second, "user:owner", NOW),
                        new ActorStatusChangedEvent("acme", "user:second", ActorStatus.SUSPENDED, "user:owner", NOW))
                .when(new RegisterActorCommand(ID, "acme", BOB, "user:second"))
                .expectNoEvents()
                .expectException(problem(ProblemKind.FORBIDDEN));
    }

    @Test
    void the_last_active_admin_is_neither_suspended_nor_demoted() {
        fixture.given(new AccountCreatedEvent("acme", OWNER, "user:owner", NOW))
                .when(new ChangeActorStatusCommand(ID, "acme", "user:owner", ActorStatus.SUSPENDED, "user:owner"))
                .expectNoEvents()
                .expectException(problem(ProblemKind.GUARD_FAILED));
        fixture.given(new AccountCreatedEvent("acme", OWNER, "user:owner", NOW))
                .when(new RegisterActorCommand(ID, "acme", new ActorRegistration("user:owner", List.of(),
                        OWNER.keys()), "user:owner"))
                .expectNoEvents()
                .expectException(problem(ProblemKind.GUARD_FAILED));
    }

    static org.hamcrest.Matcher<Object> problem(ProblemKind kind) {
        return satisfies(thrown -> {
            assertThat(thrown).isInstanceOf(OperaDbException.class);
            assertThat(((OperaDbException) thrown).kind()).isEqualTo(kind);
        });
    }
}
