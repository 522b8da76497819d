package io.operadb.query.schema;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.operadb.web.ActorResolver;
import jakarta.servlet.http.HttpServletRequest;
import org.bson.Document;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import java.util.LinkedHashMap;
import java.util.Map;

/** The account's schemas: what modules it has, and each version's document. */
@RestController
public class SchemaQueryController {

    private final SchemaReads schemas;
    private final ActorResolver actors;
    private final ObjectMapper json;

    public SchemaQueryController(SchemaReads schemas, ActorResolver actors, ObjectMapper json) {
        this.schemas = schemas;
        this.actors = actors;
        this.json = json;
    }

    @GetMapping("/api/accounts/{account}/schemas")
    public Map<String, Object> list(@PathVariable String account, HttpServletRequest request) {
        actors.require(request);
        return Map.of("items", schemas.latestOfEach(account).stream().map(SchemaQueryController::summary).toList());
    }

    @GetMapping("/api/accounts/{account}/schemas/{schema}")
    public JsonNode latest(@PathVariable String account, @PathVariable String schema, HttpServletRequest request)
            throws JsonProcessingException {
        actors.require(request);
        return json.readTree(schemas.latestDocument(account, schema).getString("documentJson"));
    }

    @GetMapping("/api/accounts/{account}/schemas/{schema}/versions/{version}")
    public JsonNode version(@PathVariable String account, @PathVariable String schema, @PathVariable int version,
                            HttpServletRequest request) throws JsonProcessingException {
        actors.require(request);
        return json.readTree(schemas.versionDocument(account, schema, version).getString("documentJson"));
    }

    private static Map<String, Object> summary(Document d) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("schemaId", d.getString("schemaId"));
        summary.put("version", d.get("version", Number.class).intValue());
        summary.put("description", d.getString("description"));
        summary.put("publishedAt", d.getDate("publishedAt").toInstant());
        summary.put("publishedBy", d.getString("publishedBy"));
        return summary;
    }
}
