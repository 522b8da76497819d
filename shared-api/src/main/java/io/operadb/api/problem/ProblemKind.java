package io.operadb.api.problem;

/** The stable problem types of the public contract, each with its HTTP status and title. */
public enum ProblemKind {
    INVALID_INPUT(400, "invalid-input", "The request is not valid"),
    INVALID_SCHEMA(400, "invalid-schema", "The schema document is not valid"),
    NOT_AUTHENTICATED(401, "not-authenticated", "Not authenticated"),
    FORBIDDEN(403, "forbidden", "Not allowed"),
    UNKNOWN_ACCOUNT(404, "unknown-account", "Unknown account"),
    UNKNOWN_SCHEMA(404, "unknown-schema", "Unknown schema"),
    UNKNOWN_ENTITY(404, "unknown-entity", "Unknown entity"),
    UNKNOWN_ACTION(404, "unknown-action", "Unknown action"),
    UNKNOWN_EVENT(404, "unknown-event", "Unknown event"),
    NOT_FOUND(404, "not-found", "Not found"),
    VERSION_CONFLICT(409, "version-conflict", "Version conflict"),
    DUPLICATE(409, "duplicate", "Already exists"),
    PAYLOAD_TOO_LARGE(413, "payload-too-large", "The request body is too large"),
    GUARD_FAILED(422, "guard-failed", "A guard rule failed"),
    STATE_INVALID(422, "state-invalid", "The resulting state breaks the schema's field rules"),
    INCOMPATIBLE_SCHEMA(422, "incompatible-schema",
            "The schema version cannot take over the previous version's entities without a migration"),
    PROJECTION_BEHIND(503, "projection-behind", "The read model has not reached the requested version yet");

    private static final String TYPE_BASE = "https://operadb.io/problems/";

    private final int status;
    private final String slug;
    private final String title;

    ProblemKind(int status, String slug, String title) {
        this.status = status;
        this.slug = slug;
        this.title = title;
    }

    public int status() {
        return status;
    }

    public String type() {
        return TYPE_BASE + slug;
    }

    public String title() {
        return title;
    }
}
