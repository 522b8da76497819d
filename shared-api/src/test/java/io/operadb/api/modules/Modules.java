package io.operadb.api.modules;

import com.fasterxml.jackson.databind.JsonNode;
import io.operadb.api.Fixtures;
import io.operadb.api.actor.ActorContext;
import io.operadb.api.entity.Decision;
import io.operadb.api.entity.EntityEvent;
import io.operadb.api.entity.EntityView;
import io.operadb.api.entity.WireValues;
import io.operadb.api.problem.OperaDbException;
import io.operadb.api.problem.ProblemKind;
import io.operadb.api.schema.CompiledSchema;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.operadb.api.Fixtures.DECIDER;
import static io.operadb.api.Fixtures.REDUCER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The built-in modules (from the builtin-modules artifact) and a small in-memory runner for their entities. */
final class Modules {

    static final String INDEX = "/operadb/modules/modules.txt";

    private Modules() {
    }

    /** The file names listed in the index, in order. */
    static List<String> index() {
        try (InputStream in = Modules.class.getResourceAsStream(INDEX)) {
            assertThat(in).as(INDEX + " on the classpath").isNotNull();
            List<String> names = new ArrayList<>();
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines()
                    .map(String::trim).filter(l -> !l.isEmpty() && !l.startsWith("#")).forEach(names::add);
            return names;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonNode document(String fileName) {
        try (InputStream in = Modules.class.getResourceAsStream("/operadb/modules/" + fileName)) {
            return Fixtures.JSON.readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static CompiledSchema compile(String schemaId) {
        return Fixtures.COMPILER.compile(document(schemaId + ".json"));
    }

    static ActorContext who(String id, String... roles) {
        return Fixtures.actor(id, roles);
    }

    /**
     * One entity, run as the command side runs it: every accepted command becomes an event, and reducing that event
     * must give exactly the state the decider computed (what the query side will show).
     */
    static final class Entity {

        final CompiledSchema schema;
        final String id;
        long version;
        Map<String, Object> state = Map.of();
        final List<EntityEvent> events = new ArrayList<>();
        Instant clock = Fixtures.T0;

        Entity(CompiledSchema schema, String id) {
            this.schema = schema;
            this.id = id;
        }

        /** Runs the creating action (version 0) or another action; returns the entity for chaining. */
        Entity run(String action, ActorContext actor, String params) {
            EntityView before = new EntityView("acme", schema.schemaId(), id, version, state);
            clock = clock.plus(Duration.ofSeconds(1));
            Decision decision = DECIDER.decide(schema, action, before, Fixtures.json(params), actor, clock);
            EntityEvent event = new EntityEvent("ev-" + (version + 1), "acme", schema.schemaId(), schema.version(), id,
                    action, schema.schemaId() + "." + action, version + 1, actor.actorId(), clock, decision.data(),
                    null);
            // the event as stored: its data through JSON
            Map<String, Object> reduced = REDUCER.reduce(schema, WireValues.toCanonical(schema,
                    WireValues.toWire(state)), event);
            assertThat(reduced).as("reducing %s gives the decided state", event.type())
                    .isEqualTo(decision.newState());
            events.add(event);
            state = decision.newState();
            version++;
            return this;
        }

        /** A refused command: its problem kind and detail; the entity does not change. */
        OperaDbException refused(String action, ActorContext actor, String params, ProblemKind kind) {
            Map<String, Object> before = state;
            long versionBefore = version;
            OperaDbException e = catchThrowableOfType(() -> run(action, actor, params), OperaDbException.class);
            assertThat(e).as("%s by %s is refused", action, actor.actorId()).isNotNull();
            assertThat(e.kind()).as("refusal of %s: %s", action, e.getMessage()).isEqualTo(kind);
            assertThat(state).isSameAs(before);
            assertThat(version).isEqualTo(versionBefore);
            return e;
        }

        /** The state in wire form (decimals as strings), as the query API serves it. */
        @SuppressWarnings("unchecked")
        Map<String, Object> wire() {
            return WireValues.toWire(state);
        }

        Object at(String dottedPath) {
            Object cur = wire();
            for (String key : dottedPath.split("\\.")) {
                cur = cur instanceof Map<?, ?> m ? m.get(key) : null;
            }
            return cur;
        }

        /** Replays every event from nothing with the reducer alone. */
        Map<String, Object> replayed() {
            Map<String, Object> s = Map.of();
            for (EntityEvent event : events) {
                s = REDUCER.reduce(schema, s, event);
            }
            return s;
        }
    }
}
