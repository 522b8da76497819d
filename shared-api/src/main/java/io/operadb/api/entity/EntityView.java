package io.operadb.api.entity;

import java.util.Map;

/** An entity as a command sees it: {@code version} 0 and an empty state before its creating event. */
public record EntityView(String account, String schema, String id, long version, Map<String, Object> state) {
}
