package io.operadb.command.entity;

import io.operadb.api.actor.ActorContext;
import io.operadb.api.entity.ActionDecider;
import io.operadb.api.entity.EntityEvent;
import io.operadb.api.entity.EntityReducer;
import io.operadb.api.entity.RunActionCommand;
import io.operadb.api.naming.AggregateIds;
import io.operadb.api.problem.ProblemKind;
import io.operadb.api.schema.SchemaCompiler;
import io.operadb.api.schema.SchemaVersionLookup;
import io.operadb.command.config.CommandSideProperties;
import io.operadb.command.schema.SchemaCatalog;
import io.operadb.command.support.SchemaEventStore;
import io.operadb.command.support.TestSchemas;
import io.operadb.command.unique.UniqueValues;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import static io.operadb.command.entity.EntityAggregateTest.onlyEvent;
import static io.operadb.command.entity.EntityAggregateTest.problem;
import static io.operadb.command.entity.EntityAggregateTest.stateOf;
import static io.operadb.command.support.TestSchemas.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The aggregate of an entity whose schema evolved (stock v1 → v2 renames qty and adds a unit; v2 → v3 converts kg
 * to exact grams): its state keeps the version of its last event, is carried through the migrations chain before the
 * next command is decided, and is rebuilt on load by the same reducer the query side projects with.
 */
class SchemaMigrationAggregateTest {

    static final String ACCOUNT = "acme";
    static final Instant NOW = Instant.parse("2026-03-01T10:15:30.123Z");
    static final ActorContext BOB = new ActorContext("user:bob", Set.of());

    SchemaEventStore schemas;
    SchemaCatalog catalog;
    FixtureConfiguration<EntityAggregate> fixture;
    final EntityReducer reducer = new EntityReducer();

    @BeforeEach
    void setUp() {
        schemas = new SchemaEventStore();
        for (int v = 1; v <= 3; v++) {
            schemas.publish(ACCOUNT, TestSchemas.load("stock-v" + v + ".json"));
        }
        catalog = new SchemaCatalog(schemas.store(), new SchemaCompiler(), new CommandSideProperties(null, null, null,
                null));
        fixture = new AggregateTestFixture<>(EntityAggregate.class);
        fixture.registerInjectableResources(catalog, new ActionDecider(reducer), reducer,
                new EntityReferences(schemas.store()), new UniqueValues(schemas.store()),
                Clock.fixed(NOW, ZoneOffset.UTC), new CommandSideProperties(null, null, null, null));
    }

    @AfterEach
    void tearDown() {
        schemas.shutDown();
    }

    @Test
    void an_entity_of_version_1_is_migrated_to_version_3_before_its_next_command_is_decided() {
        // 1 kg under v1 is 1000 g under v3: taking 999.5 g leaves 0.5 g; on the unmigrated state (1) it would fail
        fixture.given(event(1, 1, "create", Map.of("name", "flour", "qty", 1L)))
                .when(add("-999.5"))
                .expectEventsMatching(onlyEvent(event -> {
                    assertThat(event.schemaVersion()).isEqualTo(3);
                    assertThat(event.version()).isEqualTo(2);
                }))
                .expectState(stock -> {
                    assertThat(stateOf(stock).keySet()).containsExactlyInAnyOrder("name", "quantity", "unit");
                    assertThat((BigDecimal) stateOf(stock).get("quantity")).isEqualByComparingTo("0.5");
                    assertThat(stateOf(stock)).containsEntry("unit", "g");
                });
    }

    @Test
    void the_guards_of_the_new_version_see_the_migrated_state() {
        fixture.given(event(1, 1, "create", Map.of("name", "flour", "qty", 1L)))
                .when(add("-1000.5"))
                .expectNoEvents()
                .expectException(problem(ProblemKind.GUARD_FAILED));
    }

    @Test
    void loaded_from_events_of_three_schema_versions_the_aggregate_holds_what_the_shared_reducer_folds() {
        List<EntityEvent> history = List.of(
                event(1, 1, "create", Map.of("name", "flour", "qty", 3L)),
                event(1, 2, "add", Map.of("n", 2L)),
                event(2, 3, "add", Map.of("n", 1L)),
                event(3, 4, "add", Map.of("n", "0.25")));
        AtomicReference<EntityEvent> recorded = new AtomicReference<>();
        fixture.given(new ArrayList<Object>(history))
                .when(new RunActionCommand(id(), ACCOUNT, "stock", "S-1", "annotate", json("{`note`:`sifted`}"), BOB,
                        4L, null))
                .expectEventsMatching(onlyEvent(recorded::set))
                .expectState(stock -> {
                    List<EntityEvent> all = new ArrayList<>(history);
                    all.add(recorded.get());
                    // the query side's projection and time travel fold exactly like this
                    Map<String, Object> projected = fold(all);
                    assertThat(stateOf(stock)).isEqualTo(projected);
                    assertThat((BigDecimal) projected.get("quantity")).isEqualByComparingTo("6000.25");
                    assertThat(projected).containsEntry("note", "sifted").containsEntry("unit", "g");
                });
    }

    @Test
    void a_migration_that_cannot_run_refuses_the_command_with_422_and_records_nothing() {
        // a version 4 whose migration expression fails at run time ("flour" is not a number)
        com.fasterxml.jackson.databind.node.ObjectNode v4 = TestSchemas.load("stock-v3.json").deepCopy();
        v4.put("version", 4).set("migrate", json("{`from`:3,`set`:{`note`:`string(int(state.name))`}}"));
        schemas.publish(ACCOUNT, v4);
        fixture.given(event(3, 1, "create", Map.of("name", "flour")))
                .when(new RunActionCommand(id(), ACCOUNT, "stock", "S-1", "annotate", json("{`note`:`n`}"), BOB,
                        null, null))
                .expectNoEvents()
                .expectException(problem(ProblemKind.STATE_INVALID, detail -> assertThat(detail)
                        .contains("from schema version 3 to 4").contains("migrate.set.note")));
    }

    Map<String, Object> fold(List<EntityEvent> events) {
        SchemaVersionLookup versions = v -> catalog.version(ACCOUNT, "stock", v);
        Map<String, Object> state = Map.of();
        int schemaVersion = 0;
        for (EntityEvent e : events) {
            state = reducer.reduce(versions, schemaVersion, state, e);
            schemaVersion = e.schemaVersion();
        }
        return state;
    }

    static String id() {
        return AggregateIds.entity(ACCOUNT, "stock", "S-1");
    }

    static RunActionCommand add(String grams) {
        return new RunActionCommand(id(), ACCOUNT, "stock", "S-1", "add", json("{`n`:`" + grams + "`}"), BOB, null,
                null);
    }

    static EntityEvent event(int schemaVersion, long version, String action, Map<String, Object> data) {
        return new EntityEvent("ev-" + version, ACCOUNT, "stock", schemaVersion, "S-1", action, "stock." + action,
                version, "user:bob", NOW.minusSeconds(100 - version), data, null);
    }

}
