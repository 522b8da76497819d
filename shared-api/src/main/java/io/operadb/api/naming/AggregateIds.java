package io.operadb.api.naming;

import java.util.Optional;

/**
 * Aggregate identifiers in the event store. Every aggregate type shares one store, so each id carries its kind;
 * '/' cannot occur in account, schema or entity names, which keeps the parts unambiguous.
 */
public final class AggregateIds {

    private static final String ENTITY = "entity:";

    private AggregateIds() {
    }

    public static String account(String account) {
        return "account:" + account;
    }

    public static String schema(String account, String schemaId) {
        return "schema:" + account + "/" + schemaId;
    }

    public static String entity(String account, String schemaId, String entityId) {
        return ENTITY + account + "/" + schemaId + "/" + entityId;
    }

    /** An entity named by its aggregate identifier. */
    public record EntityRef(String account, String schema, String entityId) {
    }

    /**
     * The entity an aggregate identifier names, read from the identifier alone (the events need not be read), or
     * empty for an identifier of another kind.
     */
    public static Optional<EntityRef> entityOf(String aggregateId) {
        if (aggregateId == null || !aggregateId.startsWith(ENTITY)) {
            return Optional.empty();
        }
        int schemaAt = aggregateId.indexOf('/', ENTITY.length());
        int idAt = schemaAt < 0 ? -1 : aggregateId.indexOf('/', schemaAt + 1);
        if (idAt < 0 || aggregateId.indexOf('/', idAt + 1) >= 0) {
            return Optional.empty();
        }
        return Optional.of(new EntityRef(aggregateId.substring(ENTITY.length(), schemaAt),
                aggregateId.substring(schemaAt + 1, idAt), aggregateId.substring(idAt + 1)));
    }

    /**
     * The reservation of one value of a unique field: {@code unique:<account>/<schema>/<field>/<sha-256 of the value>}
     * (hashed, so that any value, of any length or alphabet, makes a short and safe id).
     */
    public static String unique(String account, String schemaId, String field, String value) {
        try {
            byte[] hash = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(value.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return "unique:" + account + "/" + schemaId + "/" + field + "/" + java.util.HexFormat.of().formatHex(hash);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
