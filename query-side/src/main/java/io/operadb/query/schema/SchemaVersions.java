package io.operadb.query.schema;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.operadb.api.problem.OperaDbException;
import io.operadb.api.problem.ProblemKind;
import io.operadb.api.schema.CompiledSchema;
import io.operadb.api.schema.SchemaCompiler;
import io.operadb.query.readmodel.ReadModels;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Compiled schema versions for reducing and for typing filters. A published version never changes: cached. */
@Component
public class SchemaVersions {

    private final MongoTemplate mongo;
    private final SchemaCompiler compiler;
    private final ObjectMapper json;
    private final Map<String, CompiledSchema> compiled = new ConcurrentHashMap<>();

    public SchemaVersions(MongoTemplate mongo, SchemaCompiler compiler, ObjectMapper json) {
        this.mongo = mongo;
        this.compiler = compiler;
        this.json = json;
    }

    public CompiledSchema version(String account, String schemaId, int version) {
        return find(account, schemaId, version).orElseThrow(() -> new OperaDbException(ProblemKind.UNKNOWN_SCHEMA,
                "schema " + schemaId + " has no version " + version + " in account " + account));
    }

    public Optional<CompiledSchema> find(String account, String schemaId, int version) {
        String key = ReadModels.schemaKey(account, schemaId, version);
        CompiledSchema known = compiled.get(key);
        if (known != null) {
            return Optional.of(known);
        }
        Document stored = mongo.findById(key, Document.class, ReadModels.SCHEMAS);
        if (stored == null) {
            return Optional.empty();
        }
        CompiledSchema schema = compile(stored.getString("documentJson"));
        compiled.put(key, schema);
        return Optional.of(schema);
    }

    /** Forgets everything, for a replay that rebuilds the schema read model. */
    public void clear() {
        compiled.clear();
    }

    private CompiledSchema compile(String documentJson) {
        try {
            return compiler.compile(json.readTree(documentJson));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored schema document is not JSON", e);
        }
    }
}
