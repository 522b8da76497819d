package io.operadb.web.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidationException;

import java.time.Duration;

/**
 * Bearer tokens whose signature was checked once, remembered by their exact text, so that a client sending the same
 * token with every request is not parsed and HMAC-verified every time (a fifteenth of each command's request thread
 * under load). A remembered token is still validated on every use (expiry, not-before, issuer), which needs no
 * cryptography; a token that differs by one character is a different key and is verified afresh.
 */
final class VerifiedTokens implements JwtDecoder {

    private final JwtDecoder verifying;
    private final OAuth2TokenValidator<Jwt> validator;
    private final Cache<String, Jwt> verified;

    /**
     * @param verifying  checks the signature and then the claims with {@code validator}
     * @param validator  the same validation {@code verifying} applies, run again on each remembered token
     * @param maxTokens  tokens remembered at most
     * @param keepFor    how long a token is remembered after it was verified (no longer than tokens live)
     */
    VerifiedTokens(JwtDecoder verifying, OAuth2TokenValidator<Jwt> validator, int maxTokens, Duration keepFor) {
        this.verifying = verifying;
        this.validator = validator;
        this.verified = Caffeine.newBuilder().maximumSize(maxTokens).expireAfterWrite(keepFor).build();
    }

    @Override
    public Jwt decode(String token) {
        Jwt known = verified.getIfPresent(token);
        if (known == null) {
            Jwt jwt = verifying.decode(token);
            verified.put(token, jwt);
            return jwt;
        }
        OAuth2TokenValidatorResult result = validator.validate(known);
        if (result.hasErrors()) {
            verified.invalidate(token);
            throw new JwtValidationException(message(result), result.getErrors());
        }
        return known;
    }

    /** The message Spring's own decoder gives for a token that fails validation. */
    private static String message(OAuth2TokenValidatorResult result) {
        for (OAuth2Error error : result.getErrors()) {
            if (error.getDescription() != null && !error.getDescription().isEmpty()) {
                return "An error occurred while attempting to decode the Jwt: " + error.getDescription();
            }
        }
        return "Unable to validate Jwt";
    }
}
