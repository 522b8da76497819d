package io.operadb.command.account;

import io.operadb.api.problem.OperaDbException;
import io.operadb.api.problem.ProblemKind;
import io.operadb.web.ActorResolver;
import io.operadb.web.auth.Credential;
import io.operadb.web.auth.OperaDbAuthentication;
import io.operadb.web.auth.TokenService;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.LinkedHashMap;
import java.util.Map;

/** A signed login: a request signed with one of the actor's keys returns a short-lived bearer token. */
@RestController
public class TokenController {

    private final ActorResolver actors;
    private final TokenService tokens;
    private final AccountDirectory directory;

    public TokenController(ActorResolver actors, TokenService tokens, AccountDirectory directory) {
        this.actors = actors;
        this.tokens = tokens;
        this.directory = directory;
    }

    @PostMapping("/api/accounts/{account}/token")
    public Map<String, Object> token(@PathVariable String account, HttpServletRequest request) {
        OperaDbAuthentication authentication = actors.requireAuthentication(request);
        if (authentication.credential() != Credential.SIGNATURE) {
            throw new OperaDbException(ProblemKind.NOT_AUTHENTICATED,
                    "a token is issued only for a signed request (a token cannot renew itself)");
        }
        directory.actorIn(account, authentication.actorId()); // registered and active
        TokenService.IssuedToken issued = tokens.issue(account, authentication.actorId());
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("token", issued.token());
        answer.put("expiresAt", issued.expiresAt().toString());
        answer.put("account", account);
        answer.put("actorId", authentication.actorId());
        answer.put("tokenType", "Bearer");
        return answer;
    }
}
