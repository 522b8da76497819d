package io.operadb.api.schema;

/** The field types of the schema language. */
public enum ValueKind {
    STRING, INTEGER, DECIMAL, BOOLEAN, TIMESTAMP, ACTOR, REF, OBJECT, ARRAY, MAP
}
