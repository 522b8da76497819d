package io.operadb.web.auth;

import io.operadb.api.account.ActorKey;
import io.operadb.api.actor.ActorIds;
import io.operadb.api.problem.ProblemKind;
import io.operadb.signing.CanonicalRequest;
import io.operadb.signing.InvalidSignatureException;
import io.operadb.signing.RequestSigner;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Authenticates a request that carries {@code X-OperaDB-Signature}: rebuilds the canonical string, checks the
 * timestamp window and the nonce, and finds which of the actor's keys made the signature. A new account's owner is
 * not registered yet: its signature is kept unverified here and checked against the keys in the body by the
 * account's controller.
 */
public class SignedRequestFilter extends OncePerRequestFilter {

    private static final Pattern NONCE = Pattern.compile("[A-Za-z0-9._:+/=-]{8,128}");

    private final ActorDirectory directory;
    private final NonceRegistry nonces;
    private final Duration window;
    private final Clock clock;

    public SignedRequestFilter(ActorDirectory directory, NonceRegistry nonces, Duration window, Clock clock) {
        this.directory = directory;
        this.nonces = nonces;
        this.window = window;
        this.clock = clock;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getHeader(RequestSigner.SIGNATURE) == null) {
            chain.doFilter(request, response);
            return;
        }
        OperaDbAuthentication authentication;
        try {
            authentication = authenticate(request);
        } catch (Refused refused) {
            ProblemWriter.write(request, response, refused.kind, refused.getMessage());
            return;
        }
        SecurityContextHolder.getContext().setAuthentication(authentication);
        chain.doFilter(request, response);
    }

    private OperaDbAuthentication authenticate(HttpServletRequest request) {
        String actorHeader = header(request, RequestSigner.ACTOR);
        if (!ActorIds.isValid(actorHeader)) {
            throw new Refused("X-OperaDB-Actor must be an actor id such as user:alice or a 0x wallet address");
        }
        String actorId = ActorIds.normalize(actorHeader);
        long timestamp;
        try {
            timestamp = Long.parseLong(header(request, RequestSigner.TIMESTAMP));
        } catch (NumberFormatException e) {
            throw new Refused("X-OperaDB-Timestamp must be the time in epoch milliseconds");
        }
        long skew = Math.abs(clock.millis() - timestamp);
        if (skew > window.toMillis()) {
            throw new Refused("X-OperaDB-Timestamp is " + skew / 1000 + " s away from the server's clock; at most "
                    + window.toSeconds() + " s is accepted");
        }
        String nonce = header(request, RequestSigner.NONCE);
        if (!NONCE.matcher(nonce).matches()) {
            throw new Refused("X-OperaDB-Nonce must be 8 to 128 characters of letters, digits and ._:+/=-");
        }
        String signature = header(request, RequestSigner.SIGNATURE).trim();
        byte[] body = CachedBodyRequest.bodyOf(request);
        String account = RequestAccounts.signedAccount(request, body).orElseThrow(() -> new Refused(
                "a signed request to a path without an account names it in the X-OperaDB-Account header"));
        CanonicalRequest canonical = CanonicalRequest.of(request.getMethod(), RequestAccounts.pathWithQuery(request),
                body, account, timestamp, nonce);
        SignedRequestEvidence evidence = new SignedRequestEvidence(canonical.text(), signature, null,
                new String(body, StandardCharsets.UTF_8));
        if (!RequestAccounts.isAccountCreation(request)) {
            evidence = evidence.withKey(verifiedKey(account, actorId, canonical, signature));
        }
        if (!nonces.firstUse(account, actorId, nonce)) {
            throw new Refused("this nonce was used before: sign each request with a new X-OperaDB-Nonce");
        }
        return new OperaDbAuthentication(account, actorId, Credential.SIGNATURE, evidence);
    }

    private ActorKey verifiedKey(String account, String actorId, CanonicalRequest canonical, String signature) {
        KnownActor actor = directory.find(account, actorId).orElseThrow(() -> new Refused(
                "no actor " + actorId + " holding this key in account " + account));
        Optional<ActorKey> key;
        try {
            key = SignatureCheck.signerKey(canonical.bytes(), signature, actorId, actor.keys());
        } catch (InvalidSignatureException e) {
            throw new Refused("X-OperaDB-Signature is malformed: " + e.getMessage());
        }
        if (key.isEmpty()) {
            throw new Refused("the signature was not made by a key that actor " + actorId + " holds in account "
                    + account + " (or the request was not signed as sent: method, path with query, body, account,"
                    + " timestamp, nonce)");
        }
        if (!actor.active()) {
            throw new Refused(ProblemKind.FORBIDDEN, "actor " + actorId + " is suspended in account " + account);
        }
        return key.get();
    }

    private static String header(HttpServletRequest request, String name) {
        String value = request.getHeader(name);
        if (value == null || value.isBlank()) {
            throw new Refused("a signed request needs the headers X-OperaDB-Actor, X-OperaDB-Timestamp,"
                    + " X-OperaDB-Nonce and X-OperaDB-Signature; " + name + " is missing");
        }
        return value;
    }

    private static final class Refused extends RuntimeException {
        private final ProblemKind kind;

        Refused(String message) {
            this(ProblemKind.NOT_AUTHENTICATED, message);
        }

        Refused(ProblemKind kind, String message) {
            super(message, null, false, false);
            this.kind = kind;
        }
    }
}
