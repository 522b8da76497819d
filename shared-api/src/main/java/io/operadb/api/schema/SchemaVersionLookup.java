package io.operadb.api.schema;

/** The published versions of one schema in one account, by number (each side reads them from its own store). */
@FunctionalInterface
public interface SchemaVersionLookup {

    /** Version {@code version} (1, 2, 3...); throws when it is not published. */
    CompiledSchema version(int version);
}
