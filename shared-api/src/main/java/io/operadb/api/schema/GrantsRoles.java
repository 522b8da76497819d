package io.operadb.api.schema;

import io.operadb.api.actor.ActorIds;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A schema's {@code "grantsRoles": {"members": "<field>", "roles": "<field>"}}: every entity of the schema grants
 * the role names in its {@code roles} array field to the actors in its {@code members} array field, in the
 * entity's account. The command side counts such roles as the actor's own in {@code allow} rules.
 */
public record GrantsRoles(String membersField, String rolesField) {

    /** The actors an entity's state grants roles to (normalised actor ids). */
    public Set<String> members(Map<String, ?> state) {
        Set<String> out = new TreeSet<>();
        if (state != null && state.get(membersField) instanceof Collection<?> members) {
            members.forEach(m -> {
                if (m instanceof String s && ActorIds.isValid(s)) {
                    out.add(ActorIds.normalize(s));
                }
            });
        }
        return out;
    }

    /** The roles an entity's state grants. */
    public Set<String> roles(Map<String, ?> state) {
        Set<String> out = new TreeSet<>();
        if (state != null && state.get(rolesField) instanceof Collection<?> roles) {
            roles.forEach(r -> {
                if (r instanceof String s && !s.isBlank()) {
                    out.add(s);
                }
            });
        }
        return out;
    }
}
