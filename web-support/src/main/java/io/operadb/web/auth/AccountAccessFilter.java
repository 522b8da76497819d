package io.operadb.web.auth;

import io.operadb.api.problem.ProblemKind;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.Optional;

/**
 * After authentication: a request acts only in its own account (tenant isolation: another account's path is 404
 * whether or not that account exists), and a token's actor must still be known and active.
 */
public class AccountAccessFilter extends OncePerRequestFilter {

    private final ActorDirectory directory;

    public AccountAccessFilter(ActorDirectory directory) {
        this.directory = directory;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication instanceof OperaDbAuthentication actor) {
            Optional<String> pathAccount = RequestAccounts.inPath(request);
            if (pathAccount.isPresent() && !pathAccount.get().equals(actor.account())) {
                // the same answer whether or not that account exists: credentials of one tenant learn nothing of another
                ProblemWriter.write(request, response, ProblemKind.UNKNOWN_ACCOUNT,
                        "no account named " + pathAccount.get() + " for these credentials (they are for account "
                                + actor.account() + ")");
                return;
            }
            if (!actor.keyVerified() && !RequestAccounts.isAccountCreation(request)) {
                ProblemWriter.write(request, response, ProblemKind.NOT_AUTHENTICATED, "the signature is not verified");
                return;
            }
            if (actor.credential() == Credential.TOKEN) {
                Optional<KnownActor> known = directory.find(actor.account(), actor.actorId());
                if (known.isEmpty()) {
                    ProblemWriter.write(request, response, ProblemKind.NOT_AUTHENTICATED,
                            "the token's actor is not known in account " + actor.account());
                    return;
                }
                if (!known.get().active()) {
                    ProblemWriter.write(request, response, ProblemKind.FORBIDDEN,
                            "actor " + actor.actorId() + " is suspended in account " + actor.account());
                    return;
                }
            }
        }
        chain.doFilter(request, response);
    }
}
