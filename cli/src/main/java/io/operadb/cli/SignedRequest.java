package io.operadb.cli;

import io.operadb.signing.CanonicalRequest;
import io.operadb.signing.RequestSigner;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A request and the headers that sign it. The body is kept as the exact bytes that were hashed: whoever sends the
 * request must send these bytes, or the signature no longer matches.
 */
record SignedRequest(String method, String pathWithQuery, byte[] body, String account, Map<String, String> headers,
                     String canonical) {

    static SignedRequest sign(RequestSigner signer, String method, String pathWithQuery, byte[] body,
                              Optional<String> account) {
        String verb = method.toUpperCase(Locale.ROOT);
        if (!verb.matches("[A-Z]+")) {
            throw new UsageException("not an HTTP method: " + method);
        }
        if (!pathWithQuery.startsWith("/")) {
            throw new UsageException("the path starts with / (e.g. /api/accounts/acme/token), not " + pathWithQuery);
        }
        RequestAccount requestAccount = RequestAccount.of(verb, pathWithQuery, body, account);
        long timestamp = System.currentTimeMillis();
        String nonce = RequestSigner.newNonce();
        Map<String, String> headers = new LinkedHashMap<>(
                signer.headers(verb, pathWithQuery, body, requestAccount.account(), timestamp, nonce));
        if (requestAccount.sentAsHeader()) {
            headers.put(RequestSigner.ACCOUNT, requestAccount.account());
        }
        String canonical = CanonicalRequest.of(verb, pathWithQuery, body, requestAccount.account(), timestamp, nonce).text();
        return new SignedRequest(verb, pathWithQuery, body, requestAccount.account(), headers, canonical);
    }

    /** Accepts a full URL too ({@code http://localhost:8080/api/...}): what is signed is its path and query, raw. */
    static String pathOf(String pathOrUrl) {
        if (pathOrUrl.matches("(?i)https?://.*")) {
            java.net.URI uri = java.net.URI.create(pathOrUrl);
            String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
            return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
        }
        return pathOrUrl;
    }
}
