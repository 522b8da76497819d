package io.operadb.web.auth;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;

import java.util.Optional;

/** An authenticated request: the account it acts in, the actor, and how it proved it. */
public final class OperaDbAuthentication extends AbstractAuthenticationToken {

    private final String account;
    private final String actorId;
    private final Credential credential;
    private final SignedRequestEvidence evidence;

    public OperaDbAuthentication(String account, String actorId, Credential credential,
                                 SignedRequestEvidence evidence) {
        super(AuthorityUtils.NO_AUTHORITIES);
        this.account = account;
        this.actorId = actorId;
        this.credential = credential;
        this.evidence = evidence;
        setAuthenticated(true);
    }

    public String account() {
        return account;
    }

    public String actorId() {
        return actorId;
    }

    public Credential credential() {
        return credential;
    }

    /** For a signed request, what it signed; empty for a token. */
    public Optional<SignedRequestEvidence> evidence() {
        return Optional.ofNullable(evidence);
    }

    /** True when the signature was checked against a key the actor holds (not yet for a new account's owner). */
    public boolean keyVerified() {
        return credential == Credential.TOKEN || (evidence != null && evidence.key() != null);
    }

    @Override
    public Object getCredentials() {
        return evidence == null ? "" : evidence.signature();
    }

    @Override
    public Object getPrincipal() {
        return actorId;
    }

    @Override
    public String getName() {
        return actorId;
    }
}
