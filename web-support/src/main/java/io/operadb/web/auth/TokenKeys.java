package io.operadb.web.auth;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

/** The HMAC key behind tokens: configured and shared by every instance, or random for this process alone. */
public final class TokenKeys {

    private static final Logger log = LoggerFactory.getLogger(TokenKeys.class);
    private static final int MIN_LENGTH = 32;

    private TokenKeys() {
    }

    public static SecretKey from(String configured) {
        if (configured == null || configured.isBlank()) {
            log.warn("operadb.security.token-secret is not set: tokens are signed with a random key and only this"
                    + " process accepts them. Set the same secret on every command-side and query-side instance.");
            byte[] random = new byte[MIN_LENGTH];
            new SecureRandom().nextBytes(random);
            return new SecretKeySpec(random, "HmacSHA256");
        }
        byte[] bytes = configured.getBytes(StandardCharsets.UTF_8);
        if (bytes.length < MIN_LENGTH) {
            throw new IllegalStateException("operadb.security.token-secret must be at least " + MIN_LENGTH
                    + " bytes (HS256)");
        }
        return new SecretKeySpec(bytes, "HmacSHA256");
    }
}
