package io.operadb.api.evolution;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.operadb.api.entity.Decision;
import io.operadb.api.entity.EntityEvent;
import io.operadb.api.entity.EntityView;
import io.operadb.api.entity.ReductionException;
import io.operadb.api.schema.CompiledSchema;
import io.operadb.api.schema.SchemaVersionLookup;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static io.operadb.api.Fixtures.COMPILER;
import static io.operadb.api.Fixtures.DECIDER;
import static io.operadb.api.Fixtures.REDUCER;
import static io.operadb.api.Fixtures.T0;
import static io.operadb.api.Fixtures.actor;
import static io.operadb.api.Fixtures.json;
import static io.operadb.api.Fixtures.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * States carried through the migrations chain (v1 → v2 → v3) by the one reducer: renames, defaults, drops and
 * expressions, in the order documented; deterministic; and the decider's state after an upcast is the state the
 * reducer folds the resulting event to.
 */
class MigrationChainTest {

    static final List<CompiledSchema> STOCK = List.of(COMPILER.compile(resource("evolution/stock-v1.json")),
            COMPILER.compile(resource("evolution/stock-v2.json")), COMPILER.compile(resource("evolution/stock-v3.json")));
    static final SchemaVersionLookup VERSIONS = v -> STOCK.get(v - 1);

    @Test
    void version_1_to_2_renames_fills_the_default_and_drops_the_field_dropped_on_purpose() {
        Map<String, Object> v1 = Map.of("name", "flour", "qty", 5L, "legacy", "v1");
        assertThat(REDUCER.upcast(VERSIONS, v1, 1, 2))
                .containsExactlyInAnyOrderEntriesOf(Map.of("name", "flour", "quantity", 5L, "unit", "kg"));
    }

    @Test
    void version_2_to_3_evaluates_every_expression_against_the_same_state_and_converts_to_the_new_types() {
        // quantity reads unit == 'kg' although the same migration sets unit to 'g'
        Map<String, Object> v3 = REDUCER.upcast(VERSIONS, Map.of("name", "flour", "quantity", 6L, "unit", "kg"), 2, 3);
        assertThat(v3.get("quantity")).isInstanceOf(BigDecimal.class);
        assertThat((BigDecimal) v3.get("quantity")).isEqualByComparingTo("6000");
        assertThat(v3).containsEntry("unit", "g").doesNotContainKey("note");
        Map<String, Object> grams = REDUCER.upcast(VERSIONS, Map.of("name", "salt", "quantity", 7L, "unit", "g"), 2, 3);
        assertThat((BigDecimal) grams.get("quantity")).isEqualByComparingTo("7");
    }

    @Test
    void the_chain_is_the_composition_of_its_steps_deterministic_and_leaves_its_input_alone() {
        Map<String, Object> v1 = new LinkedHashMap<>(Map.of("name", "flour", "qty", 5L, "legacy", "v1"));
        Map<String, Object> copy = new LinkedHashMap<>(v1);
        Map<String, Object> chained = REDUCER.upcast(VERSIONS, v1, 1, 3);
        assertThat(chained).isEqualTo(REDUCER.upcast(VERSIONS, REDUCER.upcast(VERSIONS, v1, 1, 2), 2, 3));
        assertThat(chained).isEqualTo(REDUCER.upcast(VERSIONS, v1, 1, 3));
        assertThat(v1).isEqualTo(copy);
        assertThat(chained.keySet()).containsExactlyInAnyOrder("name", "quantity", "unit");
        assertThat((BigDecimal) chained.get("quantity")).isEqualByComparingTo("5000");
    }

    @Test
    void an_entity_with_events_of_three_versions_folds_through_the_migrations_at_each_newer_event() {
        List<EntityEvent> events = List.of(
                event(1, 1, "create", "{`name`:`flour`,`qty`:3}"),
                event(1, 2, "add", "{`n`:2}"),
                event(2, 3, "add", "{`n`:1}"),
                event(3, 4, "add", "{`n`:`0.5`}"),
                event(3, 5, "annotate", "{`note`:`sifted`}"));
        Map<String, Object> state = fold(events);
        assertThat(state.keySet()).containsExactlyInAnyOrder("name", "quantity", "unit", "note");
        // 3 + 2 kg (v1), +1 kg (v2) = 6 kg, in grams (v3) 6000 g, + 0.5 g
        assertThat((BigDecimal) state.get("quantity")).isEqualByComparingTo("6000.5");
        assertThat(state).containsEntry("unit", "g").containsEntry("name", "flour").containsEntry("note", "sifted");
        // a state kept at version 1 until the version-3 event jumps both migrations at once
        List<EntityEvent> jump = List.of(events.get(0), events.get(1), event(3, 3, "add", "{`n`:`0.5`}"));
        assertThat((BigDecimal) fold(jump).get("quantity")).isEqualByComparingTo("5000.5");
    }

    @Test
    void the_decider_on_an_upcast_state_agrees_with_the_reducer_folding_the_event_it_leads_to() {
        Map<String, Object> v1 = fold(List.of(event(1, 1, "create", "{`name`:`flour`,`qty`:3}")));
        CompiledSchema v3 = VERSIONS.version(3);
        EntityView view = new EntityView("acme", "stock", "S-1", 1, REDUCER.upcast(VERSIONS, v1, 1, 3));
        Decision decision = DECIDER.decide(v3, "add", view, json("{`n`:`-2999.5`}"), actor("user:bob"), T0);
        EntityEvent event = new EntityEvent("e2", "acme", "stock", 3, "S-1", "add", "stock.add", 2, "user:bob", T0,
                decision.data(), null);
        assertThat(REDUCER.reduce(VERSIONS, 1, v1, event)).isEqualTo(decision.newState());
        assertThat((BigDecimal) decision.newState().get("quantity")).isEqualByComparingTo("0.5");
    }

    @Test
    void seeded_random_histories_fold_the_same_way_whether_the_state_is_stored_between_events_or_not() {
        for (long seed = 0; seed < 100; seed++) {
            Random random = new Random(seed);
            List<EntityEvent> events = new ArrayList<>();
            events.add(event(1, 1, "create", "{`name`:`n" + seed + "`,`qty`:" + random.nextInt(10) + "}"));
            int schemaVersion = 1;
            for (long v = 2; v <= 2 + random.nextInt(12); v++) {
                schemaVersion = Math.min(3, schemaVersion + (random.nextInt(4) == 0 ? 1 + random.nextInt(2) : 0));
                String n = schemaVersion == 3 ? "`" + random.nextInt(100) + "." + random.nextInt(10) + "`"
                        : String.valueOf(random.nextInt(100));
                events.add(event(schemaVersion, v, "add", "{`n`:" + n + "}"));
            }
            // a projection stores each state as it goes (and reads it back leniently); time travel folds in memory
            Map<String, Object> stored = Map.of();
            int storedVersion = 0;
            for (EntityEvent e : events) {
                stored = roundTrip(REDUCER.reduce(VERSIONS, storedVersion, stored, e));
                storedVersion = e.schemaVersion();
            }
            Map<String, Object> inMemory = fold(events);
            assertThat(io.operadb.api.entity.WireValues.toWire(stored)).as("seed %s", seed)
                    .isEqualTo(io.operadb.api.entity.WireValues.toWire(inMemory));
            assertThat(fold(events)).as("seed %s: deterministic", seed).isEqualTo(inMemory);
        }
    }

    @Test
    void a_migration_expression_that_fails_names_itself_and_a_state_is_never_carried_back() {
        ObjectNode broken = resource("evolution/stock-v3.json").deepCopy();
        ((ObjectNode) broken.get("migrate").get("set")).put("quantity", "state.quantity / 0");
        List<CompiledSchema> versions = List.of(STOCK.get(0), STOCK.get(1), COMPILER.compile(broken));
        assertThatThrownBy(() -> REDUCER.upcast(v -> versions.get(v - 1),
                Map.of("name", "x", "quantity", 1L, "unit", "kg"), 2, 3))
                .isInstanceOf(ReductionException.class).hasMessageContaining("migrate.set.quantity");
        assertThatThrownBy(() -> REDUCER.upcast(VERSIONS, Map.of("name", "x"), 3, 2))
                .isInstanceOf(ReductionException.class).hasMessageContaining("cannot be carried back");
    }

    static Map<String, Object> fold(List<EntityEvent> events) {
        Map<String, Object> state = Map.of();
        int schemaVersion = 0;
        for (EntityEvent e : events) {
            state = REDUCER.reduce(VERSIONS, schemaVersion, state, e);
            schemaVersion = e.schemaVersion();
        }
        return state;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> roundTrip(Map<String, Object> state) {
        try {
            String text = io.operadb.api.Fixtures.JSON.writeValueAsString(
                    io.operadb.api.entity.WireValues.toWire(state));
            return io.operadb.api.Fixtures.JSON.readValue(text, Map.class);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static EntityEvent event(int schemaVersion, long version, String action, String data) {
        JsonNode params = json(data);
        @SuppressWarnings("unchecked")
        Map<String, Object> map = io.operadb.api.Fixtures.JSON.convertValue(params, Map.class);
        return new EntityEvent("e" + version, "acme", "stock", schemaVersion, "S-1", action, "stock." + action,
                version, "user:bob", Instant.parse("2026-01-02T03:04:05Z").plusSeconds(version), map, null);
    }
}
