package io.operadb.query.readmodel;

/** The read-model collections every schema shares: a new module never needs a new collection. */
public final class ReadModels {

    public static final String ENTITIES = "entities";
    public static final String EVENTS = "entity_events";
    public static final String SCHEMAS = "schemas";
    public static final String ACCOUNTS = "accounts";
    public static final String ACTORS = "actors";

    public static final String[] ALL = {ENTITIES, EVENTS, SCHEMAS, ACCOUNTS, ACTORS};

    private ReadModels() {
    }

    public static String entityKey(String account, String schema, String id) {
        return account + "/" + schema + "/" + id;
    }

    public static String schemaKey(String account, String schema, int version) {
        return account + "/" + schema + "/" + version;
    }
}
