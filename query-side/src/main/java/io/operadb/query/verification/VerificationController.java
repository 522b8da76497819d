package io.operadb.query.verification;

import io.operadb.api.problem.OperaDbException;
import io.operadb.api.problem.ProblemKind;
import io.operadb.web.ActorResolver;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import java.util.Map;
import java.util.regex.Pattern;

/** Anyone in the account can check that an actor authorised a change: the stored signature against its key. */
@RestController
public class VerificationController {

    private static final Pattern EVENT_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private final EventVerification verification;
    private final ActorResolver actors;

    public VerificationController(EventVerification verification, ActorResolver actors) {
        this.verification = verification;
        this.actors = actors;
    }

    @GetMapping("/api/accounts/{account}/events/{eventId}/verification")
    public Map<String, Object> verify(@PathVariable String account, @PathVariable String eventId,
                                      HttpServletRequest request) {
        String reader = actors.require(request);
        if (!EVENT_ID.matcher(eventId).matches()) {
            throw new OperaDbException(ProblemKind.UNKNOWN_EVENT, "no event " + eventId + " in account " + account);
        }
        return verification.verify(account, eventId, reader);
    }
}
