package io.operadb.query.admin;

import io.operadb.web.ActorResolver;
import io.operadb.web.auth.OperaDbAuthentication;
import io.operadb.web.auth.Operators;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Component;

/** The one check in front of every admin endpoint of the query side (replay, dead letters). */
@Component
public class OperatorAccess {

    private final ActorResolver actors;
    private final Operators operators;

    public OperatorAccess(ActorResolver actors, Operators operators) {
        this.actors = actors;
        this.operators = operators;
    }

    /** An authenticated operator, or 401/403. */
    public void require(HttpServletRequest request) {
        OperaDbAuthentication actor = actors.requireAuthentication(request);
        operators.require(actor);
    }
}
