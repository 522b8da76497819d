package io.operadb.command.entity;

import io.operadb.api.actor.ActorContext;
import io.operadb.api.entity.ActionDecider;
import io.operadb.api.entity.Decision;
import io.operadb.api.entity.EntityEvent;
import io.operadb.api.entity.EntityReducer;
import io.operadb.api.entity.EntityView;
import io.operadb.api.entity.Receipt;
import io.operadb.api.schema.CompiledSchema;
import io.operadb.api.schema.SchemaCompiler;
import io.operadb.command.config.CommandSideProperties;
import io.operadb.command.schema.SchemaCatalog;
import io.operadb.command.support.SchemaEventStore;
import io.operadb.eventstore.EventJson;
import org.assertj.core.util.introspection.FieldSupport;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.operadb.command.support.TestSchemas.coin;
import static io.operadb.command.support.TestSchemas.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An entity restored from a snapshot (the aggregate serialised as the event store serialises snapshots) must reduce
 * further events to exactly the state of the same entity rebuilt from all its events, decimals included.
 */
class EntitySnapshotTest {

    static final String ACCOUNT = "acme";
    static final ActorContext ALICE = new ActorContext("user:alice", Set.of("admin"));
    static final ActorContext BOB = new ActorContext("user:bob", Set.of());

    final Serializer snapshotSerializer = JacksonSerializer.builder().objectMapper(EventJson.objectMapper()).build();
    final EntityReducer reducer = new EntityReducer();
    final ActionDecider decider = new ActionDecider(reducer);
    final CommandSideProperties properties = new CommandSideProperties(null, null, null, null);

    SchemaEventStore schemas;
    SchemaCatalog catalog;
    CompiledSchema coin;
    List<EntityEvent> events;

    @BeforeEach
    void recordACoinsHistory() {
        schemas = new SchemaEventStore();
        schemas.publish(ACCOUNT, coin());
        catalog = new SchemaCatalog(schemas.store(), new SchemaCompiler(), properties);
        coin = catalog.requireLatest(ACCOUNT, "coin");
        History history = new History();
        history.run("mint", ALICE, "{`name`:`Gold`,`supply`:1000.000001}", "mint-1");
        history.run("transfer", ALICE, "{`to`:`user:bob`,`amount`:0.1}", "pay-1");
        history.run("transfer", ALICE, "{`to`:`user:bob`,`amount`:`0.2`}", null);
        history.run("transfer", BOB, "{`to`:`user:carol`,`amount`:0.05}", "pay-2");
        history.run("transfer", ALICE, "{`to`:`user:carol`,`amount`:999}", null);
        events = history.events;
    }

    @AfterEach
    void tearDown() {
        schemas.shutDown();
    }

    @Test
    void a_snapshot_taken_after_any_event_reduces_the_rest_to_the_state_rebuilt_from_all_events() {
        EntityAggregate rebuilt = replay(new EntityAggregate(), events);
        for (int taken = 1; taken < events.size(); taken++) {
            EntityAggregate restored = roundTrip(replay(new EntityAggregate(), events.subList(0, taken)));
            replay(restored, events.subList(taken, events.size()));

            assertThat(versionOf(restored)).as("version after a snapshot at %d", taken).isEqualTo(versionOf(rebuilt));
            assertThat(stateOf(restored)).as("state after a snapshot at %d", taken).isEqualTo(stateOf(rebuilt));
        }
    }

    @Test
    void decimals_stay_exact_through_a_snapshot() {
        EntityAggregate restored = roundTrip(replay(new EntityAggregate(), events.subList(0, 3)));
        replay(restored, events.subList(3, events.size()));

        @SuppressWarnings("unchecked")
        Map<String, Object> balances = (Map<String, Object>) stateOf(restored).get("balances");
        assertThat(balances).containsExactlyInAnyOrderEntriesOf(Map.of(
                "user:alice", new BigDecimal("0.700001"),
                "user:bob", new BigDecimal("0.25"),
                "user:carol", new BigDecimal("999.05")));
        assertThat(stateOf(restored).get("supply")).isEqualTo(new BigDecimal("1000.000001"));
        assertThat(stateOf(restored).get("transfers")).isEqualTo(4L);
    }

    @Test
    void the_snapshot_is_readable_json_with_exact_decimals() {
        SerializedObject<String> snapshot = snapshotSerializer.serialize(
                replay(new EntityAggregate(), events.subList(0, 3)), String.class);

        assertThat(snapshot.getData()).startsWith("{").contains("1000.000001").contains("0.3")
                .doesNotContain("pending");
    }

    @Test
    void a_restored_entity_still_answers_a_retry_with_the_first_receipt() {
        EntityAggregate restored = roundTrip(replay(new EntityAggregate(), events));
        RecentReceipts receipts = FieldSupport.EXTRACTION.fieldValue("receipts", RecentReceipts.class, restored);

        assertThat(receipts.find("user:alice", "pay-1")).contains(Receipt.of(events.get(1)));
        assertThat(receipts.find("user:bob", "pay-2")).contains(Receipt.of(events.get(3)));
        assertThat(receipts.find("user:alice", "pay-2")).isEmpty();
    }

    @Test
    void a_restored_entity_decides_the_next_command_like_one_rebuilt_from_all_events() {
        EntityAggregate rebuilt = replay(new EntityAggregate(), events);
        EntityAggregate restored = roundTrip(replay(new EntityAggregate(), events));
        var params = json("{`to`:`user:dave`,`amount`:`0.000001`}");
        Instant at = Instant.parse("2026-03-01T12:00:00Z");

        Decision fromSnapshot = decider.decide(coin, "transfer", viewOf(restored), params, ALICE, at);
        Decision fromEvents = decider.decide(coin, "transfer", viewOf(rebuilt), params, ALICE, at);

        assertThat(fromSnapshot).isEqualTo(fromEvents);
    }

    // ------------------------------------------------------------------------------------------------ helpers

    /** Events as the aggregate records them: decided by the shared decider, data in wire form. */
    final class History {
        final List<EntityEvent> events = new ArrayList<>();
        EntityView view = new EntityView(ACCOUNT, "coin", "gold", 0, Map.of());

        void run(String action, ActorContext actor, String params, String key) {
            Instant at = Instant.parse("2026-03-01T10:00:00Z").plusSeconds(view.version());
            Decision decision = decider.decide(coin, action, view, json(params), actor, at);
            events.add(new EntityEvent("ev-" + (view.version() + 1), ACCOUNT, "coin", coin.version(), "gold", action,
                    "coin." + action, view.version() + 1, actor.actorId(), at, decision.data(), key));
            view = new EntityView(ACCOUNT, "coin", "gold", view.version() + 1, decision.newState());
        }
    }

    EntityAggregate replay(EntityAggregate aggregate, List<EntityEvent> toApply) {
        toApply.forEach(event -> aggregate.on(event, catalog, reducer, properties));
        return aggregate;
    }

    EntityAggregate roundTrip(EntityAggregate aggregate) {
        SerializedObject<String> snapshot = snapshotSerializer.serialize(aggregate, String.class);
        return snapshotSerializer.deserialize(snapshot);
    }

    static EntityView viewOf(EntityAggregate aggregate) {
        return new EntityView(ACCOUNT, "coin", "gold", versionOf(aggregate), stateOf(aggregate));
    }

    static long versionOf(EntityAggregate aggregate) {
        return FieldSupport.EXTRACTION.fieldValue("version", Long.class, aggregate);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> stateOf(EntityAggregate aggregate) {
        return FieldSupport.EXTRACTION.fieldValue("state", Map.class, aggregate);
    }
}
