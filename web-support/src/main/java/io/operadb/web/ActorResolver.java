package io.operadb.web;

import io.operadb.api.problem.OperaDbException;
import io.operadb.api.problem.ProblemKind;
import io.operadb.web.auth.OperaDbAuthentication;
import jakarta.servlet.http.HttpServletRequest;

import java.util.Optional;

/** The one seam that says who is acting in a request: the actor a signed request or a token authenticated. */
public interface ActorResolver {

    /** The authentication of this request, if it has one. */
    Optional<OperaDbAuthentication> authentication(HttpServletRequest request);

    /** The authenticated actor id, normalised, or empty when the request carries no credentials. */
    default Optional<String> resolve(HttpServletRequest request) {
        return authentication(request).map(OperaDbAuthentication::actorId);
    }

    /** Like {@link #resolve} but a missing actor is a 401. */
    default String require(HttpServletRequest request) {
        return requireAuthentication(request).actorId();
    }

    default OperaDbAuthentication requireAuthentication(HttpServletRequest request) {
        return authentication(request).orElseThrow(() -> new OperaDbException(ProblemKind.NOT_AUTHENTICATED,
                "send a bearer token (Authorization: Bearer …) or a signed request (X-OperaDB-Signature …)"));
    }
}
