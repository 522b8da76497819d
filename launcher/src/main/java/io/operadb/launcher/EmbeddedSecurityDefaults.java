package io.operadb.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * The embedded default's security settings, where the environment gives none: one token secret for both sides (kept
 * under the data directory, so tokens survive a restart), and every account's admins as system operators, so a
 * newcomer can start a replay. A real deployment sets both (see the README, "Running in production").
 */
final class EmbeddedSecurityDefaults {

    static final String TOKEN_SECRET = "operadb.security.token-secret";
    static final String OPERATORS = "operadb.security.operators";

    private EmbeddedSecurityDefaults() {
    }

    static Map<String, Object> apply(DevSettings settings, Map<String, Object> given, Map<String, String> env) {
        Map<String, Object> properties = new HashMap<>(given);
        if (!properties.containsKey(TOKEN_SECRET) && !env.containsKey("OPERADB_SECURITY_TOKEN_SECRET")) {
            properties.put(TOKEN_SECRET, settings.dataDir() == null ? randomSecret()
                    : storedSecret(settings.dataDir().resolve("token-secret")));
        }
        if (!properties.containsKey(OPERATORS) && !env.containsKey("OPERADB_SECURITY_OPERATORS")) {
            properties.put(OPERATORS, "*/role:admin");
        }
        return properties;
    }

    private static String storedSecret(Path file) {
        try {
            if (Files.exists(file)) {
                return Files.readString(file).trim();
            }
            Files.createDirectories(file.getParent());
            String secret = randomSecret();
            Files.writeString(file, secret);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: the data directory's own permissions protect it
            }
            return secret;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the token secret at " + file, e);
        }
    }

    private static String randomSecret() {
        byte[] bytes = new byte[48];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
