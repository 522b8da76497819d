package io.operadb.query.schema;

import io.operadb.web.ActorResolver;
import jakarta.servlet.http.HttpServletRequest;
import org.bson.Document;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
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

    public SchemaQueryController(SchemaReads schemas, ActorResolver actors) {
        this.schemas = schemas;
        this.actors = actors;
    }

    @GetMapping("/api/accounts/{account}/schemas")
    public Map<String, Object> list(@PathVariable String account, HttpServletRequest request) {
        actors.require(request);
        return Map.of("items", schemas.latestOfEach(account).stream().map(SchemaQueryController::summary).toList());
    }

    @GetMapping("/api/accounts/{account}/schemas/{schema}")
    public ResponseEntity<String> latest(@PathVariable String account, @PathVariable String schema,
                                         HttpServletRequest request) {
        actors.require(request);
        return document(schemas.latestDocument(account, schema));
    }

    @GetMapping("/api/accounts/{account}/schemas/{schema}/versions/{version}")
    public ResponseEntity<String> version(@PathVariable String account, @PathVariable String schema,
                                          @PathVariable int version, HttpServletRequest request) {
        actors.require(request);
        return document(schemas.versionDocument(account, schema, version));
    }

    /**
     * The stored JSON text as it is: parsing it again would normalise its numbers ({@code 0.50} to {@code 0.5},
     * {@code 100.0} to {@code 1E+2}), and a schema document is served exactly as published.
     */
    private static ResponseEntity<String> document(Document stored) {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(stored.getString("documentJson"));
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
