package io.operadb.query.projection;

/**
 * Processing groups. {@link #GROUP} keeps the serving read models current; {@link #REBUILD_GROUP} runs only during a
 * replay and builds the next generation beside them. Each applies schema, account and entity events in the order of
 * the store, so a schema version is always in place before the first event that uses it.
 */
public final class Projections {

    public static final String GROUP = "projections";
    public static final String REBUILD_GROUP = "projections-rebuild";

    private Projections() {
    }
}
