package io.operadb.command.entity;

import io.operadb.api.actor.ActorContext;
import io.operadb.api.entity.ActionDecider;
import io.operadb.api.entity.CreateEntityCommand;
import io.operadb.api.entity.EntityEvent;
import io.operadb.api.entity.EntityReducer;
import io.operadb.api.entity.Receipt;
import io.operadb.api.entity.RunActionCommand;
import io.operadb.api.naming.AggregateIds;
import io.operadb.api.problem.FieldError;
import io.operadb.api.problem.OperaDbException;
import io.operadb.api.problem.ProblemKind;
import io.operadb.api.schema.SchemaCompiler;
import io.operadb.command.config.CommandSideProperties;
import io.operadb.command.schema.SchemaCatalog;
import io.operadb.command.support.SchemaEventStore;
import io.operadb.command.unique.UniqueValues;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.assertj.core.util.introspection.FieldSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import static io.operadb.command.support.Asserting.satisfies;
import static io.operadb.command.support.TestSchemas.coin;
import static io.operadb.command.support.TestSchemas.json;
import static io.operadb.command.support.TestSchemas.ticket;
import static io.operadb.command.support.TestSchemas.ticketV2;
import static org.assertj.core.api.Assertions.assertThat;

/** The schema-driven entity aggregate, on Axon's fixture, with real schema events in an in-memory event store. */
class EntityAggregateTest {

    static final String ACCOUNT = "acme";
    static final Instant NOW = Instant.parse("2026-03-01T10:15:30.123Z");
    static final Instant EARLIER = Instant.parse("2026-03-01T09:00:00.000Z");

    static final ActorContext OWNER = new ActorContext("user:owner", Set.of("admin"));
    static final ActorContext LEAD = new ActorContext("user:lead", Set.of("lead"));
    static final ActorContext BOB = new ActorContext("user:bob", Set.of());
    static final ActorContext CAROL = new ActorContext("user:carol", Set.of());

    SchemaEventStore schemas;
    SchemaCatalog catalog;
    FixtureConfiguration<EntityAggregate> fixture;

    @BeforeEach
    void setUp() {
        schemas = new SchemaEventStore();
        schemas.publish(ACCOUNT, ticket());
        fixture = fixtureWith(new CommandSideProperties(null, null, null, null));
    }

    FixtureConfiguration<EntityAggregate> fixtureWith(CommandSideProperties properties) {
        catalog = new SchemaCatalog(schemas.store(), new SchemaCompiler(), properties);
        EntityReducer reducer = new EntityReducer();
        FixtureConfiguration<EntityAggregate> configured = new AggregateTestFixture<>(EntityAggregate.class);
        configured.registerInjectableResources(catalog, new ActionDecider(reducer), reducer,
                new EntityReferences(schemas.store()), new UniqueValues(schemas.store()),
                Clock.fixed(NOW, ZoneOffset.UTC), properties);
        return configured;
    }

    @AfterEach
    void tearDown() {
        schemas.shutDown();
    }

    // ------------------------------------------------------------------------------------------------ creating

    @Test
    void opening_a_ticket_records_one_ticket_open_event_at_version_1_and_returns_its_receipt() {
        AtomicReference<EntityEvent> recorded = new AtomicReference<>();
        fixture.givenNoPriorActivity()
                .when(open("T-1", "{`title`:`Printer jammed`,`points`:3}", LEAD, null))
                .expectSuccessfulHandlerExecution()
                .expectEventsMatching(onlyEvent(event -> {
                    recorded.set(event);
                    assertThat(event.eventId()).isNotBlank();
                    assertThat(event.account()).isEqualTo(ACCOUNT);
                    assertThat(event.schema()).isEqualTo("ticket");
                    assertThat(event.schemaVersion()).isEqualTo(1);
                    assertThat(event.entityId()).isEqualTo("T-1");
                    assertThat(event.action()).isEqualTo("open");
                    assertThat(event.type()).isEqualTo("ticket.open");
                    assertThat(event.version()).isEqualTo(1);
                    assertThat(event.actor()).isEqualTo("user:lead");
                    assertThat(event.timestamp()).isEqualTo(NOW);
                    assertThat(event.data()).isEqualTo(Map.of("title", "Printer jammed", "points", 3L));
                    assertThat(event.idempotencyKey()).isNull();
                }))
                .expectResultMessagePayloadMatching(satisfies((Receipt receipt) -> assertThat(receipt)
                        .isEqualTo(new Receipt(ACCOUNT, "ticket", "T-1", "open", "ticket.open", 1,
                                recorded.get().eventId(), NOW))))
                .expectState(ticket -> {
                    assertThat(versionOf(ticket)).isEqualTo(1);
                    assertThat(stateOf(ticket)).isEqualTo(Map.of("title", "Printer jammed", "points", 3L,
                            "status", "open"));
                });
    }

    @Test
    void opening_a_ticket_without_points_runs_the_reducer_default_of_zero_points() {
        fixture.givenNoPriorActivity()
                .when(open("T-1", "{`title`:`No points`}", BOB, null))
                .expectEventsMatching(onlyEvent(event -> assertThat(event.data()).isEqualTo(Map.of("title", "No points"))))
                .expectState(ticket -> assertThat(stateOf(ticket)).containsEntry("points", 0L));
    }

    @Test
    void a_decimal_parameter_is_recorded_in_wire_form_as_an_exact_string() {
        schemas.publish(ACCOUNT, coin());
        fixture.givenNoPriorActivity()
                .when(new CreateEntityCommand(AggregateIds.entity(ACCOUNT, "coin", "gold"), ACCOUNT, "coin", "gold",
                        json("{`name`:`Gold`,`supply`:800.250}"), OWNER, null))
                .expectEventsMatching(onlyEvent(event -> {
                    assertThat(event.type()).isEqualTo("coin.mint");
                    assertThat(event.data()).isEqualTo(Map.of("name", "Gold", "supply", "800.25"));
                }))
                .expectState(coin -> assertThat(stateOf(coin).get("supply")).isEqualTo(new BigDecimal("800.25")));
    }

    @Test
    void opening_a_ticket_that_already_exists_is_a_duplicate_and_records_nothing() {
        fixture.given(opened("T-1", LEAD, null))
                .when(open("T-1", "{`title`:`Again`}", LEAD, null))
                .expectNoEvents()
                .expectException(problem(ProblemKind.DUPLICATE, detail -> assertThat(detail).contains("T-1")));
    }

    @Test
    void opening_an_existing_ticket_with_a_new_idempotency_key_is_still_a_duplicate() {
        fixture.given(opened("T-1", LEAD, "key-1"))
                .when(open("T-1", "{`title`:`Again`}", LEAD, "key-2"))
                .expectNoEvents()
                .expectException(problem(ProblemKind.DUPLICATE));
    }

    @Test
    void another_actor_reusing_an_idempotency_key_does_not_get_the_first_actors_receipt() {
        fixture.given(opened("T-1", LEAD, "key-1"))
                .when(open("T-1", "{`title`:`Again`}", BOB, "key-1"))
                .expectNoEvents()
                .expectException(problem(ProblemKind.DUPLICATE));
    }

    @Test
    void retrying_an_open_with_the_same_idempotency_key_returns_the_first_receipt_and_records_nothing() {
        EntityEvent first = opened("T-1", LEAD, "key-1");
        fixture.given(first)
                .when(open("T-1", "{`title`:`Printer jammed`}", LEAD, "key-1"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents()
                .expectResultMessagePayload(Receipt.of(first));
    }

    @Test
    void opening_without_the_required_title_is_invalid_input_naming_the_field() {
        fixture.givenNoPriorActivity()
                .when(open("T-1", "{`points`:3}", LEAD, null))
                .expectNoEvents()
                .expectException(problemWithPaths(ProblemKind.INVALID_INPUT, "data.title"));
    }

    @Test
    void every_invalid_parameter_is_reported_with_its_path() {
        fixture.givenNoPriorActivity()
                .when(open("T-1", "{`title`:7,`points`:-1,`$where`:`1`}", LEAD, null))
                .expectNoEvents()
                .expectException(problemWithPaths(ProblemKind.INVALID_INPUT, "data.title", "data.points",
                        "data.$where"));
    }

    @Test
    void opening_an_entity_of_an_unknown_schema_is_refused() {
        fixture.givenNoPriorActivity()
                .when(new CreateEntityCommand(AggregateIds.entity(ACCOUNT, "nope", "N-1"), ACCOUNT, "nope", "N-1",
                        json("{}"), LEAD, null))
                .expectNoEvents()
                .expectException(problem(ProblemKind.UNKNOWN_SCHEMA));
    }

    // ------------------------------------------------------------------------------------------------ actions

    @Test
    void a_lead_assigns_an_open_ticket() {
        fixture.givenCommands(open("T-1", "{`title`:`Printer jammed`}", LEAD, null))
                .when(act("T-1", "assign", "{`assignee`:`user:carol`}", LEAD, null, null))
                .expectEventsMatching(onlyEvent(event -> {
                    assertThat(event.type()).isEqualTo("ticket.assign");
                    assertThat(event.version()).isEqualTo(2);
                    assertThat(event.actor()).isEqualTo("user:lead");
                    assertThat(event.data()).isEqualTo(Map.of("assignee", "user:carol"));
                }))
                .expectResultMessagePayloadMatching(satisfies((Receipt receipt) -> {
                    assertThat(receipt.version()).isEqualTo(2);
                    assertThat(receipt.eventType()).isEqualTo("ticket.assign");
                }))
                .expectState(ticket -> assertThat(stateOf(ticket))
                        .containsEntry("status", "assigned").containsEntry("assignee", "user:carol"));
    }

    @Test
    void assigning_without_the_lead_role_is_forbidden_and_records_nothing() {
        fixture.given(opened("T-1", LEAD, null))
                .when(act("T-1", "assign", "{`assignee`:`user:bob`}", BOB, null, null))
                .expectNoEvents()
                .expectException(problem(ProblemKind.FORBIDDEN));
    }

    @Test
    void an_admin_passes_every_allow_list() {
        fixture.given(opened("T-1", LEAD, null))
                .when(act("T-1", "assign", "{`assignee`:`user:bob`}", OWNER, null, null))
                .expectEventsMatching(onlyEvent(event -> assertThat(event.type()).isEqualTo("ticket.assign")));
    }

    @Test
    void the_assignee_may_close_an_assigned_ticket_by_the_allow_expression() {
        fixture.given(opened("T-1", LEAD, null), assigned("T-1", "user:carol"))
                .when(act("T-1", "close", null, CAROL, null, null))
                .expectEventsMatching(onlyEvent(event -> {
                    assertThat(event.type()).isEqualTo("ticket.close");
                    assertThat(event.version()).isEqualTo(3);
                    assertThat(event.data()).isEmpty();
                }))
                .expectState(ticket -> assertThat(stateOf(ticket)).containsEntry("status", "closed"));
    }

    @Test
    void closing_by_someone_neither_lead_nor_assignee_is_forbidden() {
        fixture.given(opened("T-1", LEAD, null), assigned("T-1", "user:carol"))
                .when(act("T-1", "close", null, BOB, null, null))
                .expectNoEvents()
                .expectException(problem(ProblemKind.FORBIDDEN));
    }

    @Test
    void closing_an_unassigned_ticket_is_refused_with_the_rule_message() {
        fixture.given(opened("T-1", LEAD, null))
                .when(act("T-1", "close", null, LEAD, null, null))
                .expectNoEvents()
                .expectException(problem(ProblemKind.GUARD_FAILED,
                        detail -> assertThat(detail).isEqualTo("only an assigned ticket can be closed")));
    }

    @Test
    void assigning_a_closed_ticket_is_refused_with_the_rule_message() {
        fixture.givenCommands(open("T-1", "{`title`:`t`}", LEAD, null),
                        act("T-1", "assign", "{`assignee`:`user:carol`}", LEAD, null, null),
                        act("T-1", "close", null, CAROL, null, null))
                .when(act("T-1", "assign", "{`assignee`:`user:bob`}", LEAD, null, null))
                .expectNoEvents()
                .expectException(problem(ProblemKind.GUARD_FAILED,
                        detail -> assertThat(detail).isEqualTo("ticket is closed")));
    }

    @Test
    void an_action_with_invalid_parameters_is_invalid_input_naming_the_field() {
        fixture.given(opened("T-1", LEAD, null))
                .when(act("T-1", "assign", "{`assignee`:`not an actor`}", LEAD, null, null))
                .expectNoEvents()
                .expectException(problemWithPaths(ProblemKind.INVALID_INPUT, "data.assignee"));
    }

    @Test
    void an_unknown_action_is_refused() {
        fixture.given(opened("T-1", LEAD, null))
                .when(act("T-1", "reopen", null, LEAD, null, null))
                .expectNoEvents()
                .expectException(problem(ProblemKind.UNKNOWN_ACTION, detail -> assertThat(detail).contains("reopen")));
    }

    @Test
    void running_the_creating_action_on_an_existing_ticket_is_a_duplicate() {
        fixture.given(opened("T-1", LEAD, null))
                .when(act("T-1", "open", "{`title`:`again`}", LEAD, null, null))
                .expectNoEvents()
                .expectException(problem(ProblemKind.DUPLICATE));
    }

    // ------------------------------------------------------------------------------------------------ If-Match

    @Test
    void an_action_expecting_another_version_is_a_version_conflict_and_records_nothing() {
        fixture.given(opened("T-1", LEAD, null), assigned("T-1", "user:carol"))
                .when(act("T-1", "close", null, LEAD, 1L, null))
                .expectNoEvents()
                .expectException(problem(ProblemKind.VERSION_CONFLICT,
                        detail -> assertThat(detail).contains("version 2")));
    }

    @Test
    void an_action_expecting_the_current_version_succeeds() {
        fixture.given(opened("T-1", LEAD, null), assigned("T-1", "user:carol"))
                .when(act("T-1", "close", null, LEAD, 2L, null))
                .expectEventsMatching(onlyEvent(event -> assertThat(event.version()).isEqualTo(3)));
    }

    // ------------------------------------------------------------------------------------------------ Idempotency-Key

    @Test
    void retrying_an_action_with_the_same_idempotency_key_returns_the_first_receipt_and_records_nothing() {
        EntityEvent firstAssign = event("T-1", 2, "assign", "user:lead", Map.of("assignee", "user:carol"), "assign-1");
        fixture.given(opened("T-1", LEAD, null), firstAssign)
                .when(act("T-1", "assign", "{`assignee`:`user:carol`}", LEAD, null, "assign-1"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents()
                .expectResultMessagePayload(Receipt.of(firstAssign));
    }

    @Test
    void a_retry_is_answered_from_the_first_receipt_even_when_its_if_match_is_now_stale() {
        EntityEvent firstAssign = event("T-1", 2, "assign", "user:lead", Map.of("assignee", "user:carol"), "assign-1");
        fixture.given(opened("T-1", LEAD, null), firstAssign,
                        event("T-1", 3, "close", "user:carol", Map.of(), null))
                .when(act("T-1", "assign", "{`assignee`:`user:carol`}", LEAD, 1L, "assign-1"))
                .expectNoEvents()
                .expectResultMessagePayload(Receipt.of(firstAssign));
    }

    @Test
    void a_retry_of_a_command_sent_through_the_aggregate_records_nothing_new() {
        fixture.givenCommands(open("T-1", "{`title`:`t`}", LEAD, null),
                        act("T-1", "assign", "{`assignee`:`user:carol`}", LEAD, 1L, "k"))
                .when(act("T-1", "assign", "{`assignee`:`user:carol`}", LEAD, 1L, "k"))
                .expectNoEvents()
                .expectResultMessagePayloadMatching(satisfies((Receipt receipt) -> {
                    assertThat(receipt.version()).isEqualTo(2);
                    assertThat(receipt.action()).isEqualTo("assign");
                }));
    }

    @Test
    void the_same_idempotency_key_from_another_actor_is_a_new_command() {
        fixture.given(opened("T-1", LEAD, null),
                        event("T-1", 2, "assign", "user:lead", Map.of("assignee", "user:carol"), "k"))
                .when(act("T-1", "assign", "{`assignee`:`user:bob`}", OWNER, null, "k"))
                .expectEventsMatching(onlyEvent(event -> {
                    assertThat(event.version()).isEqualTo(3);
                    assertThat(event.idempotencyKey()).isEqualTo("k");
                    assertThat(event.actor()).isEqualTo("user:owner");
                }));
    }

    @Test
    void an_entity_remembers_as_many_idempotency_keys_as_configured_and_forgets_the_oldest_first() {
        fixtureWith(new CommandSideProperties(null, null, null, 2))
                .given(opened("T-1", LEAD, null),
                        event("T-1", 2, "assign", "user:lead", Map.of("assignee", "user:a"), "k1"),
                        event("T-1", 3, "assign", "user:lead", Map.of("assignee", "user:b"), "k2"),
                        event("T-1", 4, "assign", "user:lead", Map.of("assignee", "user:c"), "k3"))
                .when(act("T-1", "assign", "{`assignee`:`user:a`}", LEAD, null, "k1"))
                .expectEventsMatching(onlyEvent(event -> assertThat(event.version()).isEqualTo(5)));
    }

    @Test
    void the_newest_idempotency_keys_within_the_configured_number_are_remembered() {
        EntityEvent k2 = event("T-1", 3, "assign", "user:lead", Map.of("assignee", "user:b"), "k2");
        fixtureWith(new CommandSideProperties(null, null, null, 2))
                .given(opened("T-1", LEAD, null),
                        event("T-1", 2, "assign", "user:lead", Map.of("assignee", "user:a"), "k1"), k2,
                        event("T-1", 4, "assign", "user:lead", Map.of("assignee", "user:c"), "k3"))
                .when(act("T-1", "assign", "{`assignee`:`user:b`}", LEAD, null, "k2"))
                .expectNoEvents()
                .expectResultMessagePayload(Receipt.of(k2));
    }

    // ------------------------------------------------------------------------------------------------ schema versions

    @Test
    void events_are_reduced_with_the_schema_version_recorded_in_them() {
        var executor = fixture.givenCommands(open("T-1", "{`title`:`Opened under v1`}", LEAD, null));
        schemas.publish(ACCOUNT, ticketV2());
        catalog.evict(ACCOUNT, "ticket");
        executor.when(act("T-1", "assign", "{`assignee`:`user:carol`}", LEAD, 1L, null))
                .expectEventsMatching(onlyEvent(event -> assertThat(event.schemaVersion()).isEqualTo(2)))
                // v1 gave the ticket 0 points; replaying its open event with v2 would have given 5
                .expectState(ticket -> assertThat(stateOf(ticket)).containsEntry("points", 0L)
                        .containsEntry("status", "assigned"));
    }

    @Test
    void an_old_event_is_replayed_with_its_own_version_after_a_new_version_is_published() {
        schemas.publish(ACCOUNT, ticketV2());
        fixture.given(event("T-1", 1, "open", "user:lead", Map.of("title", "old"), null))
                .when(act("T-1", "assign", "{`assignee`:`user:carol`}", LEAD, null, null))
                .expectState(ticket -> assertThat(stateOf(ticket)).containsEntry("points", 0L));
    }

    @Test
    void a_ticket_opened_after_a_new_version_is_published_follows_the_new_version() {
        schemas.publish(ACCOUNT, ticketV2());
        catalog.evict(ACCOUNT, "ticket");
        fixture.givenNoPriorActivity()
                .when(open("T-2", "{`title`:`Opened under v2`}", LEAD, null))
                .expectEventsMatching(onlyEvent(event -> assertThat(event.schemaVersion()).isEqualTo(2)))
                .expectState(ticket -> assertThat(stateOf(ticket)).containsEntry("points", 5L));
    }

    // ------------------------------------------------------------------------------------------------ references

    @Nested
    class References {

        @BeforeEach
        void publishCommentSchema() {
            schemas.publish(ACCOUNT, json("""
                    {`schemaId`:`comment`,`version`:1,
                     `fields`:{`ticket`:{`type`:`ref`,`schema`:`ticket`},`text`:{`type`:`string`}},
                     `actions`:{`write`:{`creates`:true,
                        `params`:{`ticket`:{`type`:`ref`,`schema`:`ticket`,`required`:true},`text`:{`type`:`string`}},
                        `reduce`:[{`set`:`ticket`,`to`:`params.ticket`},{`set`:`text`,`to`:`params.text`}]}}}"""));
        }

        @Test
        void a_comment_on_an_existing_ticket_is_recorded() {
            schemas.append("EntityAggregate", AggregateIds.entity(ACCOUNT, "ticket", "T-1"), opened("T-1", LEAD, null));
            fixture.givenNoPriorActivity()
                    .when(comment("C-1", "{`ticket`:`T-1`,`text`:`hi`}"))
                    .expectEventsMatching(onlyEvent(event -> assertThat(event.data())
                            .isEqualTo(Map.of("ticket", "T-1", "text", "hi"))));
        }

        @Test
        void a_comment_on_a_missing_ticket_is_invalid_input_naming_the_reference() {
            fixture.givenNoPriorActivity()
                    .when(comment("C-1", "{`ticket`:`T-404`,`text`:`hi`}"))
                    .expectNoEvents()
                    .expectException(problemWithPaths(ProblemKind.INVALID_INPUT, "data.ticket"));
        }

        private CreateEntityCommand comment(String id, String data) {
            return new CreateEntityCommand(AggregateIds.entity(ACCOUNT, "comment", id), ACCOUNT, "comment", id,
                    json(data), LEAD, null);
        }
    }

    // ------------------------------------------------------------------------------------------------ helpers

    static CreateEntityCommand open(String id, String data, ActorContext actor, String key) {
        return new CreateEntityCommand(AggregateIds.entity(ACCOUNT, "ticket", id), ACCOUNT, "ticket", id, json(data),
                actor, key);
    }

    static RunActionCommand act(String id, String action, String data, ActorContext actor, Long expectedVersion,
                                String key) {
        return new RunActionCommand(AggregateIds.entity(ACCOUNT, "ticket", id), ACCOUNT, "ticket", id, action,
                data == null ? null : json(data), actor, expectedVersion, key);
    }

    static EntityEvent opened(String id, ActorContext actor, String key) {
        return event(id, 1, "open", actor.actorId(), Map.of("title", "Printer jammed"), key);
    }

    static EntityEvent assigned(String id, String assignee) {
        return event(id, 2, "assign", "user:lead", Map.of("assignee", assignee), null);
    }

    static EntityEvent event(String id, long version, String action, String actor, Map<String, Object> data,
                             String key) {
        return new EntityEvent("ev-" + id + "-" + version, ACCOUNT, "ticket", 1, id, action, "ticket." + action,
                version, actor, EARLIER.plusSeconds(version), data, key);
    }

    static long versionOf(EntityAggregate aggregate) {
        return FieldSupport.EXTRACTION.fieldValue("version", Long.class, aggregate);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> stateOf(EntityAggregate aggregate) {
        return FieldSupport.EXTRACTION.fieldValue("state", Map.class, aggregate);
    }

    /** Exactly one event was recorded, an {@link EntityEvent} satisfying the assertions. */
    static org.hamcrest.Matcher<List<EventMessage<?>>> onlyEvent(Consumer<EntityEvent> assertions) {
        return satisfies((List<EventMessage<?>> events) -> {
            assertThat(events).hasSize(1);
            assertThat(events.get(0).getPayload()).isInstanceOf(EntityEvent.class);
            assertions.accept((EntityEvent) events.get(0).getPayload());
        });
    }

    static org.hamcrest.Matcher<Object> problem(ProblemKind kind) {
        return problem(kind, detail -> { });
    }

    static org.hamcrest.Matcher<Object> problem(ProblemKind kind, Consumer<String> detail) {
        return satisfies(thrown -> {
            assertThat(thrown).isInstanceOf(OperaDbException.class);
            OperaDbException e = (OperaDbException) thrown;
            assertThat(e.kind()).isEqualTo(kind);
            detail.accept(e.problem().detail());
        });
    }

    static org.hamcrest.Matcher<Object> problemWithPaths(ProblemKind kind, String... paths) {
        return satisfies(thrown -> {
            assertThat(thrown).isInstanceOf(OperaDbException.class);
            OperaDbException e = (OperaDbException) thrown;
            assertThat(e.kind()).isEqualTo(kind);
            assertThat(e.problem().errors()).extracting(FieldError::path).contains(paths);
        });
    }
}
