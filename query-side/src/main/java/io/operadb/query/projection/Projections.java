package io.operadb.query.projection;

/**
 * One processing group for every read model: schema, account and entity events are then applied in the order
 * of the store, so a schema version is always in place before the first event that uses it.
 */
public final class Projections {

    public static final String GROUP = "projections";

    private Projections() {
    }
}
