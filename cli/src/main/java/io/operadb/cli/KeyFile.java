package io.operadb.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.operadb.signing.SigningKey;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A key file: the signing module's {@code {type, address|publicKey, privateKey}} plus the {@code actorId} the key acts
 * as, so later commands need no {@code --actor}. Written owner-only (0600) from the first byte: it holds a secret.
 */
public record KeyFile(Path path, SigningKey key, Optional<String> actorId) {

    /** Where {@code key new} puts a key without {@code --out}; git ignores it. */
    public static final String DEFAULT_DIRECTORY = ".operadb/keys";

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** The actor a request made with this key names: {@code --actor}, else the file's, else a wallet's address. */
    public String actingAs(Optional<String> override) {
        if (override.isPresent()) {
            return ActorIds.checked(override.get());
        }
        return actorId.or(() -> key instanceof SigningKey.Ethereum wallet ? Optional.of(wallet.address()) : Optional.empty())
                .map(ActorIds::checked)
                .orElseThrow(() -> new UsageException(path + " names no actor (an Ed25519 key has no address to act as):"
                        + " give --actor user:<name>"));
    }

    public static KeyFile load(Path path) {
        JsonNode json = readJson(path);
        Map<String, String> fields = new LinkedHashMap<>();
        json.fields().forEachRemaining(field -> {
            if (field.getValue().isTextual()) {
                fields.put(field.getKey(), field.getValue().asText());
            }
        });
        if (!fields.containsKey("privateKey")) {
            throw new CliException(path + " has no privateKey: signing needs a key file made by ./operadb key new");
        }
        try {
            return new KeyFile(path, SigningKey.fromFile(fields), Optional.ofNullable(fields.get("actorId")));
        } catch (RuntimeException e) {
            throw new CliException(path + " is not a usable key file: " + e.getMessage(), e);
        }
    }

    /** Writes a new key file; never replaces one (that would lose a private key). */
    public static KeyFile create(Path path, SigningKey key, String actorId) {
        ObjectNode json = JSON.createObjectNode();
        key.publicPart().forEach(json::put);
        json.put("actorId", actorId);
        json.put("privateKey", key.toFile().get("privateKey"));
        try {
            Files.createDirectories(path.toAbsolutePath().getParent(), ownerOnly("rwx------"));
            Files.createFile(path, ownerOnly("rw-------"));
            try (OutputStream out = Files.newOutputStream(path, StandardOpenOption.TRUNCATE_EXISTING)) {
                out.write(JSON.writeValueAsBytes(json));
                out.write('\n');
            }
        } catch (FileAlreadyExistsException e) {
            throw new CliException(path + " exists already; choose another name or --out (a key file is never replaced)");
        } catch (IOException e) {
            throw new CliException("cannot write " + path + ": " + e.getMessage(), e);
        }
        return new KeyFile(path, key, Optional.of(actorId));
    }

    static JsonNode readJson(Path path) {
        if (!Files.isRegularFile(path)) {
            throw new CliException("no file " + path + " (make a key with ./operadb key new)");
        }
        try {
            JsonNode json = JSON.readTree(Files.readAllBytes(path));
            if (json == null || !json.isObject()) {
                throw new CliException(path + " does not hold a JSON object");
            }
            return json;
        } catch (IOException e) {
            throw new CliException("cannot read " + path + " as JSON: " + e.getMessage(), e);
        }
    }

    private static FileAttribute<?>[] ownerOnly(String permissions) {
        boolean posix = java.nio.file.FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        return posix ? new FileAttribute<?>[]{PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(permissions))}
                : new FileAttribute<?>[0];
    }
}
