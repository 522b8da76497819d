package io.operadb.web.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.operadb.signing.RequestSigner;
import jakarta.servlet.http.HttpServletRequest;

import java.io.IOException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Which account a request acts in: the one in its path, a new account's name, or the account header. */
public final class RequestAccounts {

    private static final Pattern ACCOUNT_PATH = Pattern.compile("^/api/accounts/([^/?]+)(?:/.*)?$");
    private static final ObjectMapper JSON = new ObjectMapper();

    private RequestAccounts() {
    }

    /** The account named by the path {@code /api/accounts/{account}/…}. */
    public static Optional<String> inPath(HttpServletRequest request) {
        Matcher matcher = ACCOUNT_PATH.matcher(request.getRequestURI());
        return matcher.matches() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    /** {@code POST /api/accounts}: the one request whose signer is not registered yet. */
    public static boolean isAccountCreation(HttpServletRequest request) {
        return "POST".equals(request.getMethod()) && "/api/accounts".equals(request.getRequestURI());
    }

    /**
     * The account a signed request signs: path, else a new account's name from the body (empty when the body has
     * none: the controller then answers the body's problem), else the header.
     */
    public static Optional<String> signedAccount(HttpServletRequest request, byte[] body) {
        Optional<String> path = inPath(request);
        if (path.isPresent()) {
            return path;
        }
        if (isAccountCreation(request)) {
            try {
                JsonNode account = JSON.readTree(body).path("account");
                return Optional.of(account.isTextual() ? account.asText() : "");
            } catch (IOException | RuntimeException e) {
                return Optional.of(""); // the controller answers the body's problem
            }
        }
        return Optional.ofNullable(request.getHeader(RequestSigner.ACCOUNT)).filter(a -> !a.isBlank());
    }

    /** The path with its query exactly as sent: what a client signs. */
    public static String pathWithQuery(HttpServletRequest request) {
        String query = request.getQueryString();
        return query == null ? request.getRequestURI() : request.getRequestURI() + "?" + query;
    }
}
