package io.operadb.web;

import jakarta.servlet.http.HttpServletRequest;

import java.util.Optional;

/**
 * The one seam that says who is acting in a request. The interim implementation trusts a header; the security
 * work replaces this bean (signed requests, tokens) and nothing else.
 */
public interface ActorResolver {

    /** The authenticated actor id, normalised, or empty when the request carries no credentials. */
    Optional<String> resolve(HttpServletRequest request);

    /** Like {@link #resolve} but a missing actor is a 401. */
    default String require(HttpServletRequest request) {
        return resolve(request).orElseThrow(() -> new io.operadb.api.problem.OperaDbException(
                io.operadb.api.problem.ProblemKind.NOT_AUTHENTICATED,
                "no actor: send the X-OperaDB-Actor header"));
    }
}
