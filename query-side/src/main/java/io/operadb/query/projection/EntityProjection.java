package io.operadb.query.projection;

import io.operadb.api.entity.EntityEvent;
import io.operadb.api.entity.EntityReducer;
import io.operadb.query.readmodel.BsonValues;
import io.operadb.query.readmodel.ReadModels;
import io.operadb.query.readmodel.Routes;
import io.operadb.query.schema.SchemaVersions;
import org.bson.Document;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;

/**
 * The reducer at work: every entity event is applied to its entity's read model with the shared
 * {@link EntityReducer} and the schema version that produced it, and recorded in the event feed.
 * Idempotent by entity version: an event the read model already has is recognised and changes nothing.
 * Nothing is written for an event that cannot be applied (it goes to the dead-letter queue whole).
 */
@Component
public class EntityProjection {

    private final ProjectionWrites writes;
    private final EntityReducer reducer;
    private final SchemaVersions schemas;

    public EntityProjection(ProjectionWrites writes, EntityReducer reducer, SchemaVersions schemas) {
        this.writes = writes;
        this.reducer = reducer;
        this.schemas = schemas;
    }

    /**
     * Passes over an event an operator skipped: the entity moves to its version with its state unchanged, so the
     * events behind it apply again; the skipped version is listed in {@code skippedVersions} and not in the feed.
     */
    public void skip(EntityEvent event, Routes routes) {
        String key = ReadModels.entityKey(event.account(), event.schema(), event.entityId());
        Document current = writes.findById(routes.entities(), key);
        long currentVersion = current == null ? 0 : current.get("version", Number.class).longValue();
        if (current == null || event.version() != currentVersion + 1) {
            return;  // a skipped creation leaves no entity; an event already passed changes nothing
        }
        List<Object> skipped = new ArrayList<>(current.getList("skippedVersions", Object.class, List.of()));
        skipped.add(event.version());
        writes.save(routes.entities(), new Document(current).append("version", event.version())
                .append("skippedVersions", skipped));
    }

    public void apply(EntityEvent event, Routes routes) {
        String key = ReadModels.entityKey(event.account(), event.schema(), event.entityId());
        ProjectionWrites.Found found = writes.findEntity(routes.entities(), key);
        Document current = found.document();
        long currentVersion = current == null ? 0 : current.get("version", Number.class).longValue();
        if (event.version() <= currentVersion) {
            writes.insertOnce(routes.events(), EventDocuments.key(event), EventDocuments.of(event));
            return;
        }
        if (event.version() != currentVersion + 1) {
            throw new IllegalStateException("entity " + key + " is at version " + currentVersion
                    + " but the next event has version " + event.version());
        }
        Map<String, Object> before = found.pendingState() != null ? found.pendingState()
                : BsonValues.toCanonicalMap(current == null ? null : current.get("state"));
        // the stored state keeps the schema version of its last event; the reducer migrates it up to this event's
        int stateSchemaVersion = current == null ? 0 : current.get("schemaVersion", Number.class).intValue();
        Map<String, Object> after = reducer.reduce(
                v -> schemas.version(routes.schemas(), event.account(), event.schema(), v),
                stateSchemaVersion, before, event);
        Date at = Date.from(event.timestamp());
        writes.insertOnce(routes.events(), EventDocuments.key(event), EventDocuments.of(event));
        writes.saveEntity(routes.entities(), new Document("_id", key)
                .append("account", event.account())
                .append("schema", event.schema())
                .append("id", event.entityId())
                .append("schemaVersion", event.schemaVersion())
                .append("version", event.version())
                .append("state", null) // filled in by saveEntity, where the fields always stood
                .append("createdAt", current == null ? at : current.get("createdAt"))
                .append("createdBy", current == null ? event.actor() : current.get("createdBy"))
                .append("updatedAt", at)
                .append("updatedBy", event.actor()), after);
    }
}
