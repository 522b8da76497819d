package io.operadb.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.operadb.api.actor.ActorContext;
import io.operadb.api.entity.ActionDecider;
import io.operadb.api.entity.Decision;
import io.operadb.api.entity.EntityEvent;
import io.operadb.api.entity.EntityReducer;
import io.operadb.api.entity.EntityView;
import io.operadb.api.schema.CompiledSchema;
import io.operadb.api.schema.SchemaCompiler;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/** Shared test helpers. */
public final class Fixtures {

    public static final ObjectMapper JSON = new ObjectMapper();
    public static final SchemaCompiler COMPILER = new SchemaCompiler();
    public static final EntityReducer REDUCER = new EntityReducer();
    public static final ActionDecider DECIDER = new ActionDecider(REDUCER);
    public static final Instant T0 = Instant.parse("2026-01-02T03:04:05.123Z");

    private Fixtures() {
    }

    public static JsonNode resource(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/" + name)) {
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static JsonNode json(String text) {
        try {
            return JSON.readTree(text.replace('`', '"'));
        } catch (IOException e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    public static CompiledSchema compile(String json) {
        return COMPILER.compile(json(json));
    }

    public static ActorContext actor(String id, String... roles) {
        return new ActorContext(id, Set.of(roles));
    }

    public static EntityView view(CompiledSchema schema, String id, long version, Map<String, Object> state) {
        return new EntityView("acme", schema.schemaId(), id, version, state);
    }

    /** The event a command side would write for a decision. */
    public static EntityEvent event(CompiledSchema schema, EntityView current, String action, ActorContext actor,
                                    Instant ts, Decision d) {
        return new EntityEvent("ev-" + (current.version() + 1), "acme", schema.schemaId(), schema.version(),
                current.id(), action, schema.schemaId() + "." + action, current.version() + 1, actor.actorId(), ts,
                d.data(), null);
    }
}
