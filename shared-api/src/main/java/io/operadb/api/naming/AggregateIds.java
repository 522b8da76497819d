package io.operadb.api.naming;

/**
 * Aggregate identifiers in the event store. Every aggregate type shares one store, so each id carries its kind;
 * '/' cannot occur in account, schema or entity names, which keeps the parts unambiguous.
 */
public final class AggregateIds {

    private AggregateIds() {
    }

    public static String account(String account) {
        return "account:" + account;
    }

    public static String schema(String account, String schemaId) {
        return "schema:" + account + "/" + schemaId;
    }

    public static String entity(String account, String schemaId, String entityId) {
        return "entity:" + account + "/" + schemaId + "/" + entityId;
    }
}
