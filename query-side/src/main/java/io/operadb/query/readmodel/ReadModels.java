package io.operadb.query.readmodel;

/**
 * The read-model collections every schema shares: a new module never needs a new collection.
 * <p>
 * A replay builds a new <em>generation</em> of them next to the current one (blue/green); generation 0 keeps the
 * plain names (so a database from before generations needs no migration), generation n lives in
 * {@code <model>__g<n>}. {@link ReadModelGenerations} says which generation serves which account and schema.
 */
public final class ReadModels {

    public static final String ENTITIES = "entities";
    public static final String EVENTS = "entity_events";
    public static final String SCHEMAS = "schemas";
    public static final String ACCOUNTS = "accounts";
    public static final String ACTORS = "actors";

    public static final String[] ALL = {ENTITIES, EVENTS, SCHEMAS, ACCOUNTS, ACTORS};

    private ReadModels() {
    }

    /** The collection of one model in one generation. */
    public static String collection(String model, int generation) {
        return generation == 0 ? model : model + "__g" + generation;
    }

    public static String entityKey(String account, String schema, String id) {
        return account + "/" + schema + "/" + id;
    }

    public static String schemaKey(String account, String schema, int version) {
        return account + "/" + schema + "/" + version;
    }
}
