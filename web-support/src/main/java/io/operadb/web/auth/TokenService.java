package io.operadb.web.auth;

import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** Issues short-lived JWTs (HS256) naming the account and the actor; roles and status are looked up per request. */
public class TokenService {

    public static final String ISSUER = "operadb";
    public static final String ACCOUNT_CLAIM = "account";

    private final JwtEncoder encoder;
    private final Duration ttl;
    private final Clock clock;

    public TokenService(JwtEncoder encoder, Duration ttl, Clock clock) {
        this.encoder = encoder;
        this.ttl = ttl;
        this.clock = clock;
    }

    public IssuedToken issue(String account, String actorId) {
        Instant now = clock.instant();
        Instant expiresAt = now.plus(ttl);
        JwtClaimsSet claims = JwtClaimsSet.builder().issuer(ISSUER).subject(actorId).claim(ACCOUNT_CLAIM, account)
                .issuedAt(now).expiresAt(expiresAt).id(UUID.randomUUID().toString()).build();
        Jwt jwt = encoder.encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(), claims));
        return new IssuedToken(jwt.getTokenValue(), expiresAt);
    }

    public record IssuedToken(String token, Instant expiresAt) {
    }
}
