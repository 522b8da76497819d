package io.operadb.command.account;

import com.fasterxml.jackson.databind.JsonNode;
import io.operadb.api.account.ActorKey;
import io.operadb.api.account.ActorRegistration;
import io.operadb.api.actor.ActorIds;
import io.operadb.api.problem.FieldError;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads an actor (id, roles, keys) from a request body, collecting every error with its field path. */
final class ActorRegistrationReader {

    private static final Pattern ROLE = Pattern.compile("[a-z][a-z0-9_-]{0,31}");
    private static final Pattern ADDRESS = Pattern.compile("0[xX][0-9a-fA-F]{40}");

    private ActorRegistrationReader() {
    }

    static ActorRegistration read(JsonNode node, String path, Set<String> extraRoles, List<FieldError> errors) {
        if (node == null || !node.isObject()) {
            errors.add(new FieldError(path.isEmpty() ? "body" : path, "must be an object"));
            return null;
        }
        String prefix = path.isEmpty() ? "" : path + ".";
        String actorId = text(node.get("actorId"));
        if (!ActorIds.isValid(actorId)) {
            errors.add(new FieldError(prefix + "actorId", "must be like user:alice, svc:importer or a 0x address"));
        }
        Set<String> roles = new LinkedHashSet<>(extraRoles);
        JsonNode rolesNode = node.get("roles");
        if (rolesNode != null && !rolesNode.isNull()) {
            if (!rolesNode.isArray()) {
                errors.add(new FieldError(prefix + "roles", "must be an array of role names"));
            } else {
                for (int i = 0; i < rolesNode.size(); i++) {
                    String role = text(rolesNode.get(i));
                    if (role == null || !ROLE.matcher(role).matches()) {
                        errors.add(new FieldError(prefix + "roles[" + i + "]", "must match " + ROLE.pattern()));
                    } else {
                        roles.add(role);
                    }
                }
            }
        }
        List<ActorKey> keys = readKeys(node.get("keys"), prefix + "keys", errors);
        return new ActorRegistration(ActorIds.normalize(actorId), List.copyOf(roles), keys);
    }

    private static List<ActorKey> readKeys(JsonNode keysNode, String path, List<FieldError> errors) {
        List<ActorKey> keys = new ArrayList<>();
        if (keysNode == null || keysNode.isNull()) {
            return keys;
        }
        if (!keysNode.isArray()) {
            errors.add(new FieldError(path, "must be an array of keys"));
            return keys;
        }
        for (int i = 0; i < keysNode.size(); i++) {
            JsonNode key = keysNode.get(i);
            String at = path + "[" + i + "]";
            String type = text(key.get("type"));
            if ("secp256k1".equals(type)) {
                String address = text(key.get("address"));
                if (address == null || !ADDRESS.matcher(address).matches()) {
                    errors.add(new FieldError(at + ".address", "must be 0x followed by 40 hex digits"));
                } else {
                    keys.add(new ActorKey(type, address.toLowerCase(java.util.Locale.ROOT), null));
                }
            } else if ("ed25519".equals(type)) {
                String publicKey = text(key.get("publicKey"));
                if (!isEd25519Key(publicKey)) {
                    errors.add(new FieldError(at + ".publicKey", "must be a base64 Ed25519 public key (32 bytes)"));
                } else {
                    keys.add(new ActorKey(type, null, publicKey));
                }
            } else {
                errors.add(new FieldError(at + ".type", "must be secp256k1 or ed25519"));
            }
        }
        return keys;
    }

    private static boolean isEd25519Key(String base64) {
        if (base64 == null) {
            return false;
        }
        try {
            return Base64.getDecoder().decode(base64).length == 32;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    static String text(JsonNode node) {
        return node != null && node.isTextual() ? node.asText() : null;
    }
}
