package io.operadb.web;

import io.operadb.api.actor.ActorIds;
import io.operadb.api.problem.FieldError;
import io.operadb.api.problem.OperaDbException;
import io.operadb.api.problem.ProblemKind;
import jakarta.servlet.http.HttpServletRequest;

import java.util.List;
import java.util.Optional;

/** Interim: the actor named by the {@code X-OperaDB-Actor} header, until signed requests and tokens land. */
public class HeaderActorResolver implements ActorResolver {

    public static final String HEADER = "X-OperaDB-Actor";

    @Override
    public Optional<String> resolve(HttpServletRequest request) {
        String actor = request.getHeader(HEADER);
        if (actor == null || actor.isBlank()) {
            return Optional.empty();
        }
        if (!ActorIds.isValid(actor)) {
            throw new OperaDbException(ProblemKind.INVALID_INPUT, "the actor header is not a valid actor id",
                    List.of(new FieldError("header." + HEADER, "must be like user:alice or a 0x wallet address")));
        }
        return Optional.of(ActorIds.normalize(actor));
    }
}
