package io.operadb.api.schema.expr;

import dev.cel.runtime.CelVariableResolver;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The variables of one evaluation: {@code state} (live: the step engine mutates it and calls
 * {@link #stateChanged()}), {@code params}, {@code actor}, {@code actorRoles} (null in reducers),
 * {@code entity} ({@code id}, {@code version} before the event) and {@code timestamp}.
 * Values are converted to CEL lazily and cached until the state changes. Not thread-safe: one per decision.
 */
public final class EvalContext implements CelVariableResolver {

    private final Map<String, Object> state;
    private final Map<String, Object> params;
    private final String actor;
    private final List<String> actorRoles;
    private final Map<String, Object> entity;
    private final String timestamp;

    private Object celState;
    private Object celParams;
    private Object celEntity;
    private Object celRoles;
    /** The exact decimals behind the doubles CEL sees (by instance), for the {@code decimal.*} functions. */
    private Map<Double, BigDecimal> stateDecimals;
    private Map<Double, BigDecimal> paramDecimals;

    public EvalContext(Map<String, Object> state, Map<String, Object> params, String actor, List<String> actorRoles,
                       String entityId, long entityVersion, String timestamp) {
        this.state = state;
        this.params = params;
        this.actor = actor;
        this.actorRoles = actorRoles;
        Map<String, Object> e = new LinkedHashMap<>();
        if (entityId != null) {
            e.put("id", entityId);
        }
        e.put("version", entityVersion);
        this.entity = e;
        this.timestamp = timestamp;
    }

    public Map<String, Object> state() {
        return state;
    }

    public Map<String, Object> params() {
        return params;
    }

    /** Drops the cached CEL view of the state; call after every mutation. */
    public void stateChanged() {
        celState = null;
        stateDecimals = null;
    }

    /** A variable's canonical Java value (for the fast path), or null. */
    public Object root(String name) {
        return switch (name) {
            case "state" -> state;
            case "params" -> params;
            case "actor" -> actor;
            case "actorRoles" -> actorRoles;
            case "entity" -> entity;
            case "timestamp" -> timestamp;
            default -> null;
        };
    }

    /**
     * The exact decimal of {@code state} or {@code params} behind this double, or null. Recognised by identity: each
     * decimal becomes its own boxed double when the state or the parameters are handed to CEL, and CEL passes that
     * very instance through field, index and conditional expressions to a function.
     */
    BigDecimal exactDecimal(Double value) {
        BigDecimal fromParams = paramDecimals == null ? null : paramDecimals.get(value);
        return fromParams != null ? fromParams : stateDecimals == null ? null : stateDecimals.get(value);
    }

    @Override
    public Optional<Object> find(String name) {
        switch (name) {
            case "state":
                if (celState == null) {
                    stateDecimals = new java.util.IdentityHashMap<>();
                    celState = CelValues.toCel(state, stateDecimals::put);
                }
                return Optional.of(celState);
            case "params":
                if (celParams == null) {
                    paramDecimals = new java.util.IdentityHashMap<>();
                    celParams = CelValues.toCel(params, paramDecimals::put);
                }
                return Optional.of(celParams);
            case "actor":
                return Optional.ofNullable(actor);
            case "actorRoles":
                if (actorRoles == null) {
                    return Optional.empty();
                }
                if (celRoles == null) {
                    celRoles = List.copyOf(actorRoles);
                }
                return Optional.of(celRoles);
            case "entity":
                if (celEntity == null) {
                    celEntity = CelValues.toCel(entity);
                }
                return Optional.of(celEntity);
            case "timestamp":
                return Optional.ofNullable(timestamp);
            default:
                return Optional.empty();
        }
    }
}
