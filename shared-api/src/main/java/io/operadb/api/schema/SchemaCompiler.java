package io.operadb.api.schema;

import com.fasterxml.jackson.databind.JsonNode;
import io.operadb.api.schema.internal.SchemaParser;

/**
 * Parses and checks a schema document and compiles every expression in it, once per schema version.
 * Thread-safe; stateless apart from the shared CEL environment.
 */
public final class SchemaCompiler {

    /**
     * @throws io.operadb.api.problem.OperaDbException of kind INVALID_SCHEMA listing every offending path
     *         (e.g. {@code actions.assign.require[0].rule}) with the reason (a CEL compile error, an unknown type...)
     */
    public CompiledSchema compile(JsonNode document) {
        return SchemaParser.compile(document);
    }
}
