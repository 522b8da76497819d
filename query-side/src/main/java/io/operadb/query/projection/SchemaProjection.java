package io.operadb.query.projection;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.operadb.api.schema.SchemaPublishedEvent;
import io.operadb.query.readmodel.ReadModels;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import java.util.Date;

/** Published schema versions, kept verbatim (the exact JSON) and as a document for browsing with mongosh. */
@Component
@ProcessingGroup(Projections.GROUP)
public class SchemaProjection {

    private final MongoTemplate mongo;
    private final ObjectMapper json;

    public SchemaProjection(MongoTemplate mongo, ObjectMapper json) {
        this.mongo = mongo;
        this.json = json;
    }

    @EventHandler
    void on(SchemaPublishedEvent event) throws JsonProcessingException {
        String documentJson = json.writeValueAsString(event.document());
        mongo.save(new Document("_id", ReadModels.schemaKey(event.account(), event.schemaId(), event.version()))
                .append("account", event.account())
                .append("schemaId", event.schemaId())
                .append("version", event.version())
                .append("description", event.document().path("description").asText(null))
                .append("publishedAt", Date.from(event.timestamp()))
                .append("publishedBy", event.publishedBy())
                .append("documentJson", documentJson), ReadModels.SCHEMAS);
    }

}
