package io.operadb.api.problem;

/** One offending input: a dotted path into the request or the schema document, and why it is wrong. */
public record FieldError(String path, String reason) {
}
