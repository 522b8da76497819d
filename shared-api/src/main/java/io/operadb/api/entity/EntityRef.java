package io.operadb.api.entity;

/** A reference to another entity found in a command's parameters, at {@code path}, for the caller to check. */
public record EntityRef(String path, String schema, String id) {
}
