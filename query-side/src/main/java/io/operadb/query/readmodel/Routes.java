package io.operadb.query.readmodel;

/** The collection of each read model that one account (and schema) is read from or written to. */
public record Routes(String entities, String events, String schemas, String accounts, String actors) {
}
