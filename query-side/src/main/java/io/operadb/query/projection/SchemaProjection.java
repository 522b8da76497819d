package io.operadb.query.projection;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.operadb.api.schema.SchemaPublishedEvent;
import io.operadb.query.readmodel.ReadModels;
import io.operadb.query.readmodel.Routes;
import org.bson.Document;
import org.springframework.stereotype.Component;

import java.io.UncheckedIOException;
import java.util.Date;

/** Published schema versions, kept verbatim (the exact JSON) and as a document for browsing with mongosh. */
@Component
public class SchemaProjection {

    private final ProjectionWrites writes;
    private final ObjectMapper json;

    public SchemaProjection(ProjectionWrites writes, ObjectMapper json) {
        this.writes = writes;
        this.json = json;
    }

    public void apply(SchemaPublishedEvent event, Routes routes) {
        String documentJson;
        try {
            documentJson = json.writeValueAsString(event.document());
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        writes.save(routes.schemas(), new Document("_id",
                ReadModels.schemaKey(event.account(), event.schemaId(), event.version()))
                .append("account", event.account())
                .append("schemaId", event.schemaId())
                .append("version", event.version())
                .append("description", event.document().path("description").asText(null))
                .append("publishedAt", Date.from(event.timestamp()))
                .append("publishedBy", event.publishedBy())
                .append("documentJson", documentJson));
    }
}
