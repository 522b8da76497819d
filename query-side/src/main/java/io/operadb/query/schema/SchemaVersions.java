package io.operadb.query.schema;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.operadb.api.problem.OperaDbException;
import io.operadb.api.problem.ProblemKind;
import io.operadb.api.schema.CompiledSchema;
import io.operadb.api.schema.SchemaCompiler;
import io.operadb.query.readmodel.ReadModels;
import org.bson.Document;
import io.operadb.query.projection.ProjectionWrites;
import io.operadb.query.readmodel.ReadModelGenerations;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Compiled schema versions for reducing and for typing filters. A published version never changes, whichever
 * generation holds its document: cached by account, schema and version alone.
 */
@Component
public class SchemaVersions {

    private final ProjectionWrites writes;
    private final ReadModelGenerations generations;
    private final SchemaCompiler compiler;
    private final ObjectMapper json;
    private final Map<String, CompiledSchema> compiled = new ConcurrentHashMap<>();

    public SchemaVersions(ProjectionWrites writes, ReadModelGenerations generations, SchemaCompiler compiler,
                          ObjectMapper json) {
        this.writes = writes;
        this.generations = generations;
        this.compiler = compiler;
        this.json = json;
    }

    /** A version as the serving read models have it. */
    public CompiledSchema version(String account, String schemaId, int version) {
        return version(generations.routes(account, schemaId).schemas(), account, schemaId, version);
    }

    /** A version as one collection of schema documents has it (a projection reads its own generation's). */
    public CompiledSchema version(String collection, String account, String schemaId, int version) {
        return find(collection, account, schemaId, version).orElseThrow(() -> new OperaDbException(ProblemKind.UNKNOWN_SCHEMA,
                "schema " + schemaId + " has no version " + version + " in account " + account));
    }

    public Optional<CompiledSchema> find(String collection, String account, String schemaId, int version) {
        String key = ReadModels.schemaKey(account, schemaId, version);
        CompiledSchema known = compiled.get(key);
        if (known != null) {
            return Optional.of(known);
        }
        Document stored = writes.findById(collection, key);
        if (stored == null) {
            return Optional.empty();
        }
        CompiledSchema schema = compile(stored.getString("documentJson"));
        compiled.put(key, schema);
        return Optional.of(schema);
    }

    private CompiledSchema compile(String documentJson) {
        try {
            return compiler.compile(json.readTree(documentJson));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored schema document is not JSON", e);
        }
    }
}
