package io.operadb.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.operadb.signing.Ed25519;
import io.operadb.signing.Eip191;
import io.operadb.signing.SigningKey;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The public half of someone else's key, for registering them: a key file of theirs without its {@code privateKey}
 * (or with it; it is never read then), {@code {type, address}} or {@code {type, publicKey}}.
 */
record PublicKeys(Map<String, String> publicPart, Optional<String> actorId) {

    static PublicKeys read(Path path) {
        JsonNode json = KeyFile.readJson(path);
        String type = json.path("type").asText("");
        Map<String, String> key = new LinkedHashMap<>();
        key.put("type", type);
        switch (type) {
            case SigningKey.SECP256K1 -> {
                String address = json.path("address").asText("");
                if (!Eip191.isAddress(address)) {
                    throw new CliException(path + ": a secp256k1 key's address is 0x + 40 hex digits");
                }
                key.put("address", address.toLowerCase(Locale.ROOT));
            }
            case SigningKey.ED25519 -> {
                String publicKey = json.path("publicKey").asText("");
                if (!Ed25519.isPublicKey(publicKey)) {
                    throw new CliException(path + ": an ed25519 key's publicKey is base64 of 32 bytes");
                }
                key.put("publicKey", publicKey);
            }
            default -> throw new CliException(path + ": a key's type is secp256k1 or ed25519");
        }
        Optional<String> actorId = Optional.ofNullable(json.get("actorId")).filter(JsonNode::isTextual).map(JsonNode::asText);
        return new PublicKeys(key, actorId);
    }

    /** A wallet actor's own key is its address: registering {@code 0x…} needs no key file. */
    static Map<String, String> ofWallet(String address) {
        Map<String, String> key = new LinkedHashMap<>();
        key.put("type", SigningKey.SECP256K1);
        key.put("address", address.toLowerCase(Locale.ROOT));
        return key;
    }
}
