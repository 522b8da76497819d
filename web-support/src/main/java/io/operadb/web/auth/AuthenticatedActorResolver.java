package io.operadb.web.auth;

import io.operadb.web.ActorResolver;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

import java.util.Optional;

/** The actor Spring Security authenticated for this request. */
public class AuthenticatedActorResolver implements ActorResolver {

    @Override
    public Optional<OperaDbAuthentication> authentication(HttpServletRequest request) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication instanceof OperaDbAuthentication actor ? Optional.of(actor) : Optional.empty();
    }
}
