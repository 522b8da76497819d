package io.operadb.api.schema;

import java.util.List;
import java.util.Set;

/**
 * Who may read a schema's entities ({@code "read": [...]} in the schema; absent: every actor of the account). A small
 * language on purpose, so that a list query can filter by it in the database and not after: alternatives of
 * {@code role:<name>}, {@code actor == state.<field>}, {@code actor in state.<field>} (an array holding the actor, or a
 * map keyed by it), {@code '<role>' in actorRoles}, {@code true}/{@code false}, combined with {@code &&}, {@code ||}
 * and parentheses.
 */
public sealed interface ReadRule {

    /** True when any alternative holds. */
    record AnyOf(List<ReadRule> rules) implements ReadRule {
    }

    /** True when every part holds. */
    record AllOf(List<ReadRule> rules) implements ReadRule {
    }

    /** The reading actor has this role. */
    record HasRole(String role) implements ReadRule {
    }

    /** The state field (dotted path) is the reading actor. */
    record ActorIs(String statePath) implements ReadRule {
    }

    /** The state field holds the reading actor: an array containing it, or a map with it as a key. */
    record ActorIn(String statePath, boolean mapKey) implements ReadRule {
    }

    /** The state field equals (or, {@code negated}, differs from) a literal: a string, integer or boolean. */
    record StateEquals(String statePath, Object value, boolean negated) implements ReadRule {
    }

    record Constant(boolean value) implements ReadRule {
    }

    /**
     * The rule with the actor's roles decided: what is left depends on the entity's state only (or is a constant).
     */
    default ReadRule forRoles(Set<String> roles) {
        if (this instanceof HasRole r) {
            return new Constant(roles.contains(r.role()));
        }
        if (this instanceof AnyOf any) {
            List<ReadRule> parts = any.rules().stream().map(r -> r.forRoles(roles))
                    .filter(r -> !isConstant(r, false)).toList();
            if (parts.stream().anyMatch(r -> isConstant(r, true))) {
                return new Constant(true);
            }
            return parts.isEmpty() ? new Constant(false) : parts.size() == 1 ? parts.get(0) : new AnyOf(parts);
        }
        if (this instanceof AllOf all) {
            List<ReadRule> parts = all.rules().stream().map(r -> r.forRoles(roles))
                    .filter(r -> !isConstant(r, true)).toList();
            if (parts.stream().anyMatch(r -> isConstant(r, false))) {
                return new Constant(false);
            }
            return parts.isEmpty() ? new Constant(true) : parts.size() == 1 ? parts.get(0) : new AllOf(parts);
        }
        return this;
    }

    private static boolean isConstant(ReadRule rule, boolean value) {
        return rule instanceof Constant c && c.value() == value;
    }
}
