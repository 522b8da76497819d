package io.operadb.web.auth;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import java.time.Duration;
import java.util.List;

/**
 * {@code operadb.security.*}: how requests are authenticated.
 *
 * @param tokenSecret    the HMAC key (at least 32 characters) that signs and checks tokens; every instance of both
 *                       sides must share it. Unset: a random one per process, so tokens only work where issued.
 * @param tokenTtl       how long a token lives
 * @param signatureWindow how far a signed request's timestamp may be from the server's clock (either way); a nonce is
 *                       remembered twice that long
 * @param operators      who may run system operations (replays, dead letters): entries {@code <account>/<actorId>} or
 *                       {@code <account>/role:<role>}, {@code *} for any account
 * @param maxBodySize    larger request bodies are refused with 413
 * @param maxJsonDepth   deeper JSON documents are refused with 400
 */
@ConfigurationProperties("operadb.security")
public record SecurityProperties(
        String tokenSecret,
        @DefaultValue("15m") Duration tokenTtl,
        @DefaultValue("5m") Duration signatureWindow,
        @DefaultValue List<String> operators,
        @DefaultValue("1MB") DataSize maxBodySize,
        @DefaultValue("64") int maxJsonDepth) {
}
